package dev.relpromo.repackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.repackage.mac.DiskImageBuilder;
import dev.relpromo.repackage.mac.TestBundles;
import dev.relpromo.repackage.windows.WindowsInstaller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mac repackages through the handler: this repack's bundle out of its notarization chunk, to a stored dmg. */
class MacRepackageTest {
    private static final String CHUNK = "release-eme-free-repack-mac-notarization-macosx64-shippable-1";
    private static final String NOTARIZED = "releng/notarization/firefox/135.0/build1/chunk-1/";
    private static final String OUR_ID = "mozilla-EME-free/mozilla-EME-free/de";

    @TempDir
    Path dir;
    private Fixture fx;
    private final RepackageHandler handler = new RepackageHandler(new WindowsInstaller(), new DiskImageBuilder(),
            SfxStubs.standIns());
    private Path ours;

    @BeforeEach
    void setUp() throws Exception {
        fx = new Fixture(dir);
        ours = TestBundles.firefox().write(dir.resolve("in/ours.tar.gz"));
    }

    /** The chunk's result: a bundle and a notarization record per repack, ours among others. */
    private List<Artifact> chunkResult(String... repackIds) throws Exception {
        List<Artifact> artifacts = new ArrayList<>();
        for (String id : repackIds) {
            Path bundle = id.equals(OUR_ID) ? ours : TestBundles.firefox("[App]\nName=Other " + id + "\n")
                    .write(dir.resolve("in/" + id.replace('/', '_') + ".tar.gz"));
            artifacts.add(fx.upstream(NOTARIZED + id + "/target.tar.gz", id + "/target.tar.gz", bundle));
            artifacts.add(fx.upstream(NOTARIZED + id + "/notarization.json", id + "/notarization.json",
                    Files.writeString(dir.resolve("in/notarization.json"), "{\"backend\":\"local\"}")));
        }
        return artifacts;
    }

    private static WorkItem work(List<Artifact> upstream) {
        RepackRef repack = Fixture.repack(RepackRef.EME_FREE, "mozilla-EME-free", "mozilla-EME-free", "de", 1);
        return Fixture.work(RepackageHandler.EME_FREE_KIND, Platform.MACOSX64,
                new RepackageParams(Fixture.RELEASE_REF, repack, null), CHUNK, upstream);
    }

    @Test
    void picksItsOwnBundleOutOfTheChunkAndStoresTheDiskImageBesideTheRepack() throws Exception {
        List<Artifact> out = handler.handle(work(chunkResult("acme/acme-1/de", OUR_ID, "zeta/zeta-1/fr")),
                fx.context());

        String key = "releng/partner/firefox/135.0/build1/v1/mozilla-EME-free/mozilla-EME-free/mac/de/target.dmg";
        assertThat(out).containsExactly(fx.store.stat(key).orElseThrow().asArtifact("target.dmg"));
        Path direct = new DiskImageBuilder().build(ours, dir.resolve("direct/target.dmg")).output();
        assertThat(fx.read(out.get(0))).isEqualTo(Files.readAllBytes(direct));
        byte[] dmg = fx.read(out.get(0));
        assertThat(new String(Arrays.copyOfRange(dmg, dmg.length - 512, dmg.length - 508), StandardCharsets.US_ASCII))
                .isEqualTo("koly"); // the UDIF trailer
    }

    @Test
    void aRerunStoresTheSameBytes() throws Exception {
        WorkItem item = work(chunkResult(OUR_ID));

        List<Artifact> first = handler.handle(item, fx.context());
        List<Artifact> rerun = handler.handle(item, fx.context());

        assertThat(rerun).isEqualTo(first);
    }

    @Test
    void aChunkWithoutItsBundleIsRefusedWithWhatTheChunkHas() throws Exception {
        WorkItem item = work(chunkResult("acme/acme-1/de"));

        assertThatThrownBy(() -> handler.handle(item, fx.context()))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("task " + item.task().taskId() + ": its notarization chunk has no " + OUR_ID
                        + "/target.tar.gz (it has [acme/acme-1/de/notarization.json, acme/acme-1/de/target.tar.gz])");
        assertThat(fx.store.list("releng/partner/")).isEmpty();
    }

    @Test
    void aPlainTargetTarGzIsNotTakenForThisRepacksBundle() throws Exception {
        WorkItem item = work(List.of(fx.upstream("releng/other/target.tar.gz", "target.tar.gz", ours)));

        assertThatThrownBy(() -> handler.handle(item, fx.context()))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageEndingWith("its notarization chunk has no " + OUR_ID + "/target.tar.gz (it has"
                        + " [target.tar.gz])");
    }
}
