package dev.relpromo.repackage.mac.udif;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/** Test-side UDIF reader: decompresses a small image and asserts every checksum on the way. */
public final class UdifImage {
    /** The decompressed volume and the runs it was stored in. */
    public record Decoded(byte[] volume, List<BlockRun> runs, String xml) {
        public long count(int type) {
            return runs.stream().filter(r -> r.type() == type).count();
        }
    }

    private UdifImage() {
    }

    public static Decoded decode(Path dmg) throws Exception {
        byte[] file = Files.readAllBytes(dmg);
        ByteBuffer koly = ByteBuffer.wrap(file, file.length - 512, 512).slice();
        assertThat(koly.getInt(0)).as("koly signature").isEqualTo(0x6B6F6C79);
        long forkLength = koly.getLong(32);
        long xmlOffset = koly.getLong(216);
        long xmlLength = koly.getLong(224);
        long sectors = koly.getLong(492);
        assertThat(xmlOffset).isEqualTo(forkLength);
        assertThat(xmlOffset + xmlLength).as("the trailer follows the plist").isEqualTo(file.length - 512L);
        CRC32 fork = new CRC32();
        fork.update(file, 0, (int) forkLength);
        assertThat(koly.getInt(80)).isEqualTo(2);
        assertThat(koly.getInt(88)).as("data fork CRC").isEqualTo((int) fork.getValue());

        String xml = new String(file, (int) xmlOffset, (int) xmlLength, StandardCharsets.UTF_8);
        int from = xml.indexOf("<data>") + "<data>".length();
        byte[] blkx = Base64.getMimeDecoder().decode(xml.substring(from, xml.indexOf("</data>", from)));
        ByteBuffer mish = ByteBuffer.wrap(blkx);
        assertThat(mish.getInt(0)).isEqualTo(0x6D697368);
        assertThat(mish.getLong(16)).as("partition sectors").isEqualTo(sectors);
        int crc = mish.getInt(72);
        int count = mish.getInt(200);
        assertThat(blkx.length).isEqualTo(204 + 40 * count);

        List<BlockRun> runs = new ArrayList<>();
        ByteArrayOutputStream volume = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            int p = 204 + 40 * i;
            BlockRun r = new BlockRun(mish.getInt(p), mish.getLong(p + 8), mish.getLong(p + 16), mish.getLong(p + 24),
                    mish.getLong(p + 32));
            runs.add(r);
            assertThat(r.sectorStart() * 512).as("runs are contiguous").isEqualTo(volume.size());
            int size = (int) (r.sectorCount() * 512);
            switch (r.type()) {
                case BlockRun.ZERO_FILL -> volume.write(new byte[size]);
                case BlockRun.RAW -> volume.write(file, (int) r.compressedOffset(), size);
                case BlockRun.ZLIB -> {
                    Inflater inflater = new Inflater();
                    inflater.setInput(file, (int) r.compressedOffset(), (int) r.compressedLength());
                    byte[] out = new byte[size];
                    assertThat(inflater.inflate(out)).isEqualTo(size);
                    assertThat(inflater.finished()).isTrue();
                    assertThat(inflater.getRemaining()).isZero();
                    inflater.end();
                    volume.write(out);
                }
                case BlockRun.TERMINATOR -> assertThat(i).isEqualTo(count - 1);
                default -> throw new AssertionError("run type " + Integer.toHexString(r.type()));
            }
        }
        byte[] bytes = volume.toByteArray();
        assertThat((long) bytes.length).isEqualTo(sectors * 512);
        CRC32 partition = new CRC32();
        partition.update(bytes);
        assertThat(crc).as("partition CRC").isEqualTo((int) partition.getValue());
        CRC32 master = new CRC32();
        master.update(ByteBuffer.allocate(4).putInt(crc).array());
        assertThat(koly.getInt(360)).as("master CRC").isEqualTo((int) master.getValue());
        return new Decoded(bytes, runs, xml);
    }
}
