package dev.relpromo.balrog.mar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarTest {
    @TempDir
    Path dir;

    private List<MarWriter.Source> sources() throws IOException {
        Path a = Files.writeString(dir.resolve("a"), "update manifest\n");
        Path b = Files.write(dir.resolve("b"), new byte[100_000]);
        Path empty = Files.write(dir.resolve("c"), new byte[0]);
        return List.of(
                new MarWriter.Source("updatev3.manifest", 0644, a),
                new MarWriter.Source("firefox/xul.dll", 0755, b),
                new MarWriter.Source("firefox/removed-files", 0644, empty));
    }

    @Test
    void roundTripKeepsEntriesProductInformationAndBytes() throws Exception {
        Path mar = dir.resolve("firefox.complete.mar");
        MarWriter.write(mar, sources(), Optional.of(new ProductInformation("firefox-mozilla-release", "130.0")));

        MarReader reader = MarReader.open(mar);

        assertThat(reader.size()).isEqualTo(Files.size(mar));
        assertThat(reader.signatureCount()).isZero();
        assertThat(reader.productInformation()).contains(new ProductInformation("firefox-mozilla-release", "130.0"));
        assertThat(reader.entries()).extracting(MarEntry::name)
                .containsExactly("firefox/removed-files", "firefox/xul.dll", "updatev3.manifest");
        assertThat(reader.entry("firefox/xul.dll").orElseThrow().flags()).isEqualTo(0755);
        try (InputStream in = reader.open(reader.entry("updatev3.manifest").orElseThrow())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("update manifest\n");
        }
        try (InputStream in = reader.open(reader.entry("firefox/xul.dll").orElseThrow())) {
            assertThat(in.readAllBytes()).hasSize(100_000);
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(mar)));
        assertThat(reader.sha512()).isEqualTo(expected);
    }

    @Test
    void headerIsTheDocumentedLayout() throws Exception {
        Path mar = dir.resolve("x.mar");
        MarWriter.write(mar, sources(), Optional.empty());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(mar));
        assertThat(new String(bytes.array(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("MAR1");
        int indexOffset = bytes.getInt(4);
        assertThat(bytes.getLong(8)).isEqualTo(Files.size(mar));
        assertThat(bytes.getInt(16)).as("signature count").isZero();
        assertThat(bytes.getInt(20)).as("additional sections").isZero();
        // The first entry (sorted by name) starts right after the header blocks.
        assertThat(bytes.getInt(indexOffset + 4)).isEqualTo(24);
    }

    @Test
    void identicalInputsGiveIdenticalBytesWhateverTheOrder() throws Exception {
        List<MarWriter.Source> sources = sources();
        Path one = dir.resolve("one.mar");
        Path two = dir.resolve("two.mar");
        MarWriter.write(one, sources, Optional.of(new ProductInformation("c", "1.0")));
        MarWriter.write(two, List.of(sources.get(2), sources.get(0), sources.get(1)), Optional.of(new ProductInformation("c", "1.0")));
        assertThat(Files.readAllBytes(two)).isEqualTo(Files.readAllBytes(one));
    }

    @Test
    void rejectsBadMagic() throws Exception {
        Path mar = corrupt(bytes -> bytes[0] = 'Z');
        assertThatThrownBy(() -> MarReader.open(mar)).isInstanceOf(InvalidMarException.class)
                .hasMessageContaining("bad magic").hasMessageContaining(mar.toString());
    }

    @Test
    void rejectsTruncatedFile() throws Exception {
        Path good = dir.resolve("good.mar");
        MarWriter.write(good, sources(), Optional.empty());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.mar"), java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> MarReader.open(cut)).isInstanceOf(InvalidMarException.class).hasMessageContaining("truncated");
        Path tiny = Files.write(dir.resolve("tiny.mar"), "MAR1".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> MarReader.open(tiny)).isInstanceOf(InvalidMarException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsIndexOffsetOutOfBounds() throws Exception {
        Path mar = corrupt(bytes -> ByteBuffer.wrap(bytes).putInt(4, bytes.length + 100));
        assertThatThrownBy(() -> MarReader.open(mar)).isInstanceOf(InvalidMarException.class)
                .hasMessageContaining("index offset").hasMessageContaining("out of bounds");
    }

    @Test
    void rejectsEntryOutsideTheContent() throws Exception {
        Path mar = corrupt(bytes -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int index = buffer.getInt(4);
            buffer.putInt(index + 4 + 4, 50_000_000); // size of the first entry
        });
        assertThatThrownBy(() -> MarReader.open(mar)).isInstanceOf(InvalidMarException.class)
                .hasMessageContaining("entry firefox/removed-files").hasMessageContaining("out of bounds");
    }

    @Test
    void rejectsAbsurdSignatureCount() throws Exception {
        Path mar = corrupt(bytes -> ByteBuffer.wrap(bytes).putInt(16, 1000));
        assertThatThrownBy(() -> MarReader.open(mar)).isInstanceOf(InvalidMarException.class)
                .hasMessageContaining("signature count 1000");
    }

    @Test
    void productInformationBlockIsSizedAsLibmarReadsIt() throws Exception {
        Path mar = dir.resolve("p.mar");
        MarWriter.write(mar, sources(), Optional.of(new ProductInformation("firefox-mozilla-release", "130.0")));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(mar));
        assertThat(bytes.getInt(20)).as("additional sections").isEqualTo(1);
        assertThat(bytes.getInt(24)).as("block size with its 8 header bytes").isEqualTo(8 + 24 + 6);
        assertThat(bytes.getInt(28)).as("block id").isEqualTo(1);
        assertThatThrownBy(() -> MarWriter.write(dir.resolve("q.mar"), sources(),
                Optional.of(new ProductInformation("c".repeat(64), "1.0")))).hasMessageContaining("too long");
    }

    interface Corruption {
        void apply(byte[] bytes);
    }

    private Path corrupt(Corruption corruption) throws IOException {
        Path good = dir.resolve("good.mar");
        MarWriter.write(good, sources(), Optional.empty());
        byte[] bytes = Files.readAllBytes(good);
        corruption.apply(bytes);
        return Files.write(dir.resolve("bad.mar"), bytes);
    }
}
