package dev.relpromo.repackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.repackage.mac.DiskImageBuilder;
import dev.relpromo.repackage.windows.TestZips;
import dev.relpromo.repackage.windows.WindowsInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks the repackage handler refuses before it reads a byte, and what it says; nothing is ever stored. */
class RepackageRefusalsTest {
    private static final String KIND = RepackageHandler.PARTNER_KIND;
    private static final String UPSTREAM = "release-partner-repack-win64-shippable-acme-acme-1-de";

    @TempDir
    Path dir;
    private Fixture fx;
    private List<Artifact> windowsRepack;
    private final RepackageHandler handler = new RepackageHandler(new WindowsInstaller(), new DiskImageBuilder(),
            SfxStubs.standIns());

    @BeforeEach
    void setUp() throws Exception {
        fx = new Fixture(dir);
        windowsRepack = List.of(
                fx.upstream("releng/in/target.zip", "target.zip", TestZips.targetZip().write(dir.resolve("target.zip"))),
                fx.upstream("releng/in/setup.exe", "setup.exe", Files.write(dir.resolve("setup.exe"),
                        TestZips.setupExe())));
    }

    private static RepackageParams params(ReleaseRef release, RepackRef repack) {
        return new RepackageParams(release, repack, null);
    }

    private static WorkItem work(String kind, Platform platform, RepackageParams params, List<Artifact> upstream) {
        return Fixture.work(kind, platform, params, UPSTREAM, upstream);
    }

    private void assertRefused(WorkItem item, String message) {
        assertThatThrownBy(() -> handler.handle(item, fx.context()))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage(message.replace("TASK", item.task().taskId()));
    }

    @Test
    void hostileOrBrokenComponentsNeverReachAStoreKey() throws Exception {
        ReleaseRef release = Fixture.RELEASE_REF;
        String notSafe = "', which is not a safe path component (letters, digits, '.', '_', '+', '-')";
        assertRefused(work(KIND, Platform.WIN64, params(release, Fixture.partnerRepack("..")), windowsRepack),
                "task TASK has locale '.." + notSafe);
        assertRefused(work(KIND, Platform.WIN64, params(release,
                Fixture.repack(RepackRef.PARTNER, "acme", "../../pub", "de", 1)), windowsRepack),
                "task TASK has sub_config '../../pub" + notSafe);
        assertRefused(work(KIND, Platform.WIN64, params(new ReleaseRef("firefox", "135.0/../../x", 1),
                Fixture.partnerRepack("de")), windowsRepack), "task TASK has version '135.0/../../x" + notSafe);
        assertRefused(work(KIND, Platform.WIN64, params(new ReleaseRef("firefox", "135.0", 0),
                Fixture.partnerRepack("de")), windowsRepack), "task TASK has no positive build_number (got 0)");
        assertRefused(work(KIND, Platform.WIN64, params(release,
                new RepackRef(RepackRef.PARTNER, "acme/acme-1/de", "acme", "acme-1", null, 1)), windowsRepack),
                "task TASK has no locale");
        assertThat(fx.store.list("releng/partner/")).isEmpty();
    }

    @Test
    void theTaskMustBeARepackageOfItsOwnPathAndPlatform() throws Exception {
        RepackageParams ok = params(Fixture.RELEASE_REF, Fixture.partnerRepack("de"));
        assertRefused(work("release-partner-repack", Platform.WIN64, ok, windowsRepack),
                "the repackage handler does not handle kind 'release-partner-repack'");
        assertRefused(work(RepackageHandler.EME_FREE_KIND, Platform.WIN64, ok, windowsRepack),
                "task TASK (release-eme-free-repack-repackage) is on the 'partner' path, not 'eme-free'");
        assertRefused(work(KIND, null, ok, windowsRepack), "task TASK has no platform");
        assertRefused(work(KIND, Platform.LINUX64, ok, windowsRepack), "task TASK: linux64-shippable repacks are not"
                + " repackaged (their archive goes to signing through the chunking dummy)");
        assertRefused(work(KIND, Platform.WIN64, params(Fixture.RELEASE_REF,
                new RepackRef(RepackRef.PARTNER, "acme/acme-2/de", "acme", "acme-1", "de", 1)), windowsRepack),
                "task TASK has repack id 'acme/acme-2/de', which is not partner/sub_config/locale ('acme/acme-1/de')");
        assertRefused(work(KIND, Platform.WIN64, null, windowsRepack),
                "task TASK (release-partner-repack-repackage) has no repackage params (release and repack)");
        assertThat(fx.store.list("releng/partner/")).isEmpty();
    }

    @Test
    void aWindowsRepackMustCarryItsInputs() throws Exception {
        RepackageParams ok = params(Fixture.RELEASE_REF, Fixture.partnerRepack("de"));
        assertRefused(work(KIND, Platform.WIN64, ok, windowsRepack.subList(0, 1)),
                "task TASK: its repack has no setup.exe (it has [target.zip])");
        Artifact stubZip = fx.upstream("releng/in/target-stub.zip", "target-stub.zip",
                TestZips.stubZip().write(dir.resolve("target-stub.zip")));
        assertRefused(work(KIND, Platform.WIN32, ok, List.of(windowsRepack.get(0), windowsRepack.get(1), stubZip)),
                "task TASK: the upstream has target-stub.zip but no setup-stub.exe; a stub installer needs both");
        Artifact tampered = new Artifact("setup.exe", windowsRepack.get(1).uri(), "00".repeat(64),
                windowsRepack.get(1).size());
        assertThatThrownBy(() -> handler.handle(work(KIND, Platform.WIN64, ok, List.of(windowsRepack.get(0), tampered)),
                fx.context())).isInstanceOf(TaskFailureException.class).hasMessageContaining("sha512");
        assertThat(fx.store.list("releng/partner/")).isEmpty();
    }
}
