package dev.relpromo.planner.snapshot;

import static dev.relpromo.planner.PartnerTree.cfg;
import static dev.relpromo.planner.PartnerTree.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Artifact;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.planner.PartnerTree;
import dev.relpromo.planner.config.PartnerConfigLoader;
import dev.relpromo.planner.config.RepackPath;
import dev.relpromo.planner.config.SubConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartnerConfigSnapshotTest {
    @TempDir
    Path dir;

    private SubConfig load(Path root) {
        PartnerTree.in(root).subConfig("acme", "acme-1", cfg("de", "win64")).writeManifest();
        write(root.resolve("partners/acme/desktop/acme-1/extensions/b.xpi"), "bbb");
        write(root.resolve("partners/acme/desktop/acme-1/distribution/searchplugins/a.xml"), "<a/>");
        write(root.resolve("partners/acme/desktop/acme-1/unrelated.txt"), "not part of the snapshot");
        return PartnerConfigLoader.load(root).subConfigs(RepackPath.PARTNER).get(0);
    }

    @Test
    void zipIsByteIdenticalAcrossRunsTreesAndTimeZones(@TempDir Path other) {
        byte[] first = PartnerConfigSnapshot.of(load(dir)).zip();
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            assertThat(PartnerConfigSnapshot.of(load(dir)).zip()).isEqualTo(first);
            assertThat(PartnerConfigSnapshot.of(load(other)).zip()).isEqualTo(first);
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void zipHoldsSortedConfigEntriesWithFixedMetadata() throws Exception {
        byte[] zip = PartnerConfigSnapshot.of(load(dir)).zip();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertThat(e.getExtra()).isNull();
                assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
                assertThat(e.getTimeLocal()).isEqualTo(PartnerConfigSnapshot.ENTRY_TIME);
            }
        }
        assertThat(names).containsExactly("distribution/distribution.ini", "distribution/searchplugins/a.xml",
                "extensions/b.xpi", "repack.cfg");
    }

    @Test
    void storesUnderAContentAddressedKey() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        SubConfig sub = load(dir.resolve("cfg"));
        PartnerConfigSnapshot.Snapshot snapshot = PartnerConfigSnapshot.of(sub);

        Artifact artifact = PartnerConfigSnapshot.store(sub, store);

        assertThat(artifact.name()).isEqualTo("partner-config.zip");
        assertThat(artifact.storeKey())
                .isEqualTo("releng/partner-config/acme/acme-1/" + snapshot.digests().sha256() + ".zip")
                .matches("releng/partner-config/acme/acme-1/[0-9a-f]{64}\\.zip");
        assertThat(artifact.size()).isEqualTo(snapshot.zip().length);
        try (InputStream in = store.open(artifact.storeKey())) {
            assertThat(in.readAllBytes()).isEqualTo(snapshot.zip());
        }
        assertThat(PartnerConfigSnapshot.store(sub, store)).as("storing again is idempotent").isEqualTo(artifact);
    }
}
