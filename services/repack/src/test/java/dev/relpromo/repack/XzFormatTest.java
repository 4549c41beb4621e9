package dev.relpromo.repack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

class XzFormatTest {

    @Test
    void dictionaryPropertiesMatchXz() throws Exception {
        // the property byte XZ for Java's own encoder writes, read from the block header of a stream it made
        for (int dict : new int[] {4096, 6000, 1 << 20, (1 << 20) + 1, 3 << 20, 8 << 20, 64 << 20}) {
            LZMA2Options options = new LZMA2Options(0);
            options.setDictSize(dict);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (XZOutputStream xz = new XZOutputStream(out, options)) {
                xz.write(1);
            }
            byte[] stream = out.toByteArray();
            // stream header (12) + block header: size, flags, filter id 0x21, props size 1, props
            assertThat(stream[12 + 2]).isEqualTo((byte) 0x21);
            assertThat(XzFormat.lzma2DictProps(dict)).as("dict %d", dict).isEqualTo(stream[12 + 4]);
        }
        assertThat(XzFormat.lzma2DictProps(64 << 20)).isEqualTo((byte) 28);
    }

    @Test
    void varintsAreLittleEndianSevenBitGroups() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XzFormat.writeVarint(out, 0x7F);
        XzFormat.writeVarint(out, 0x80);
        XzFormat.writeVarint(out, 300);
        assertThat(out.toByteArray()).containsExactly(0x7F, 0x80, 0x01, 0xAC, 0x02);
    }

    @Test
    void blocksFramedHereDecodeWithXzForJava() throws Exception {
        byte[] data = TestArchives.text(300_000, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelBlockOutputStream<XzBlockCodec.Block> xz = new ParallelBlockOutputStream<>(out,
                new XzBlockCodec(6, false, 1 << 16), 1 << 16, 3)) {
            xz.write(data);
        }
        try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void anEmptyStreamIsValid() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ParallelBlockOutputStream<>(out, new XzBlockCodec(6, false, 1 << 16), 1 << 16, 2).close();
        try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThat(XzFormat.index(List.of())).hasSize(8);
    }
}
