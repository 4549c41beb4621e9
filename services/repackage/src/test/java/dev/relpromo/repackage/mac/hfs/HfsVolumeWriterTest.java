package dev.relpromo.repackage.mac.hfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog large enough for index nodes, read back through the leaf chain with its order checked. */
class HfsVolumeWriterTest {
    @TempDir
    Path dir;

    @Test
    void largeCatalogHasIndexLevelsAndStaysOrdered() throws Exception {
        Path image = dir.resolve("volume.hfs");
        HfsVolumeWriter.Summary summary;
        try (HfsVolumeWriter writer = new HfsVolumeWriter(image)) {
            CatalogNode root = writer.root();
            for (int d = 0; d < 30; d++) {
                CatalogNode folder = root.addFolder(HfsName.of("Dir" + d), 0755, 1_000_000);
                folder.declare(0750, 1_000_000);
                for (int f = 0; f < 100; f++) {
                    byte[] data = ("file " + d + "/" + f).getBytes(StandardCharsets.US_ASCII);
                    folder.addFile(HfsName.of(f % 2 == 0 ? "file" + f : "FILE" + f), 0644, 1_000_000,
                            writer.writeFork(data));
                }
            }
            summary = writer.finish(HfsName.of("Big"), 1_000_000, 42);
        }
        HfsImage volume = new HfsImage(Files.readAllBytes(image));

        assertThat(summary.files()).isEqualTo(3000);
        assertThat(summary.folders()).isEqualTo(30);
        assertThat(summary.totalBytes()).isEqualTo(Files.size(image));
        assertThat(volume.treeDepth()).isGreaterThanOrEqualTo(2);
        assertThat(volume.nodes()).hasSize(3030);
        assertThat(volume.text("Dir7/FILE41")).isEqualTo("file 7/41");
        assertThat(volume.node("Dir7").mode()).isEqualTo(040750);
        assertThat(volume.node("Dir7").valence()).isEqualTo(100);
        assertThat(volume.root().valence()).isEqualTo(30);
    }
}
