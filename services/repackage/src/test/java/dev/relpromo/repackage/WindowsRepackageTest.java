package dev.relpromo.repackage;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.kit.pe.MinimalPe;
import dev.relpromo.repackage.mac.DiskImageBuilder;
import dev.relpromo.repackage.windows.AppTag;
import dev.relpromo.repackage.windows.SfxStub;
import dev.relpromo.repackage.windows.TestZips;
import dev.relpromo.repackage.windows.WindowsInstaller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows repackages through the handler: from the repack task's result to stored installers. */
class WindowsRepackageTest {
    private static final String KEYS = "releng/partner/firefox/135.0/build1/v1/acme/acme-1/";
    private static final byte[] SETUP_STUB = MinimalPe.image(MinimalPe.Machine.I386, "setup-stub");

    @TempDir
    Path dir;
    private Fixture fx;
    private final RepackageHandler handler = new RepackageHandler(new WindowsInstaller(), new DiskImageBuilder(),
            SfxStubs.standIns());

    @BeforeEach
    void setUp() throws Exception {
        fx = new Fixture(dir);
    }

    /** The repack task's result: target.zip and setup.exe, plus the stub inputs when {@code withStub}. */
    private List<Artifact> repackResult(Platform platform, boolean withStub) throws Exception {
        String at = KEYS + platform.ftpPlatform() + "/de/";
        List<Artifact> artifacts = new ArrayList<>(List.of(
                fx.upstream(at + "target.zip", "target.zip", TestZips.targetZip().write(dir.resolve("in/target.zip"))),
                fx.upstream(at + "setup.exe", "setup.exe",
                        Files.write(dir.resolve("in/setup.exe"), TestZips.setupExe()))));
        if (withStub) {
            artifacts.add(fx.upstream(at + "target-stub.zip", "target-stub.zip",
                    TestZips.stubZip().write(dir.resolve("in/target-stub.zip"))));
            artifacts.add(fx.upstream(at + "setup-stub.exe", "setup-stub.exe",
                    Files.write(dir.resolve("in/setup-stub.exe"), SETUP_STUB)));
        }
        return artifacts;
    }

    private static WorkItem work(Platform platform, List<Artifact> upstream) {
        return Fixture.work(RepackageHandler.PARTNER_KIND, platform,
                new RepackageParams(Fixture.RELEASE_REF, Fixture.partnerRepack("de"), null),
                "release-partner-repack-" + platform.buildPlatform() + "-acme-acme-1-de", upstream);
    }

    @Test
    void aWin64RepackBecomesItsInstallerBesideTheRepack() throws Exception {
        List<Artifact> out = handler.handle(work(Platform.WIN64, repackResult(Platform.WIN64, false)), fx.context());

        String key = KEYS + "win64/de/target.installer.exe";
        assertThat(out).containsExactly(fx.store.stat(key).orElseThrow().asArtifact("target.installer.exe"));
        byte[] installer = fx.read(out.get(0));
        byte[] stub = SfxStub.standIn(Platform.WIN64).bytes();
        byte[] tag = AppTag.installer("Firefox").bytes();
        assertThat(Arrays.copyOf(installer, stub.length)).isEqualTo(stub);
        assertThat(Arrays.copyOfRange(installer, stub.length, stub.length + tag.length)).isEqualTo(tag);
        assertThat(new String(tag, StandardCharsets.UTF_8)).contains("Title=\"Firefox\"");
    }

    @Test
    void aWin32StubSubConfigAlsoGetsItsStubInstaller() throws Exception {
        List<Artifact> out = handler.handle(work(Platform.WIN32, repackResult(Platform.WIN32, true)), fx.context());

        assertThat(out).containsExactly(
                fx.store.stat(KEYS + "win32/de/target.installer.exe").orElseThrow().asArtifact("target.installer.exe"),
                fx.store.stat(KEYS + "win32/de/target.stub-installer.exe").orElseThrow()
                        .asArtifact("target.stub-installer.exe"));
        byte[] stubInstaller = fx.read(out.get(1));
        byte[] sfx = SfxStub.standIn(Platform.WIN32).bytes();
        byte[] tag = AppTag.stub("Firefox").bytes();
        assertThat(Arrays.copyOfRange(stubInstaller, sfx.length, sfx.length + tag.length)).isEqualTo(tag);
    }

    @Test
    void theInstallersAreWhatTheDomainBuilderMakesFromTheSameInputs() throws Exception {
        List<Artifact> out = handler.handle(work(Platform.WIN32, repackResult(Platform.WIN32, true)), fx.context());

        WindowsInstaller direct = new WindowsInstaller();
        Path installer = direct.build(dir.resolve("in/target.zip"), dir.resolve("in/setup.exe"),
                SfxStub.standIn(Platform.WIN32), AppTag.installer("Firefox"), dir.resolve("direct/i.exe")).output();
        Path stubInstaller = direct.buildStub(dir.resolve("in/target-stub.zip"), dir.resolve("in/setup-stub.exe"),
                SfxStub.standIn(Platform.WIN32), AppTag.stub("Firefox"), dir.resolve("direct/s.exe")).output();
        assertThat(fx.read(out.get(0))).isEqualTo(Files.readAllBytes(installer));
        assertThat(fx.read(out.get(1))).isEqualTo(Files.readAllBytes(stubInstaller));
    }

    @Test
    void aConfiguredStubStartsTheInstallerOfItsPlatform() throws Exception {
        byte[] real = MinimalPe.image(MinimalPe.Machine.ARM64, "a real 7zSD.sfx would be here");
        RepackageHandler configured = new RepackageHandler(new WindowsInstaller(), new DiskImageBuilder(),
                SfxStubs.of(Map.of(Platform.WIN64_AARCH64, SfxStub.of(real, "/etc/relpromo/sfx/arm64.sfx"))));

        List<Artifact> out = configured.handle(work(Platform.WIN64_AARCH64,
                repackResult(Platform.WIN64_AARCH64, false)), fx.context());

        assertThat(out).extracting(Artifact::storeKey).containsExactly(KEYS + "win64-aarch64/de/target.installer.exe");
        assertThat(Arrays.copyOf(fx.read(out.get(0)), real.length)).isEqualTo(real);
    }

    @Test
    void aRerunStoresTheSameBytesUnderTheSameKeys() throws Exception {
        WorkItem item = work(Platform.WIN32, repackResult(Platform.WIN32, true));

        List<Artifact> first = handler.handle(item, fx.context());
        List<Artifact> rerun = handler.handle(item, fx.context());

        assertThat(rerun).isEqualTo(first); // the write-once store accepted identical bytes
        assertThat(fx.store.list("releng/partner/firefox/135.0/build1/v1/acme/acme-1/win32/de/")).containsExactly(
                KEYS + "win32/de/setup-stub.exe", KEYS + "win32/de/setup.exe", KEYS + "win32/de/target-stub.zip",
                KEYS + "win32/de/target.installer.exe", KEYS + "win32/de/target.stub-installer.exe",
                KEYS + "win32/de/target.zip");
    }

    @Test
    void sevenZipFindsCoreAndSetupInTheInstallers() throws Exception {
        String sevenZip = SystemTools.sevenZip();
        List<Artifact> out = handler.handle(work(Platform.WIN32, repackResult(Platform.WIN32, true)), fx.context());

        assertThat(sevenZipPaths(sevenZip, fx.store.pathOf(out.get(0).storeKey()))).containsExactly(
                "core", "core/browser", "core/browser/omni.ja", "core/distribution",
                "core/distribution/distribution.ini", "core/firefox.exe", "core/xul.dll", "setup.exe");
        assertThat(sevenZipPaths(sevenZip, fx.store.pathOf(out.get(1).storeKey())))
                .containsExactly("core", "partner.ini", "setup-stub.exe");
    }

    /** The paths {@code 7zz l -slt -t7z} lists, in archive order. */
    private List<String> sevenZipPaths(String sevenZip, Path installer) throws Exception {
        SystemTools.Run list = SystemTools.run(dir, sevenZip, "l", "-slt", "-t7z", installer.toString());
        assertThat(list.exit()).as(list.output()).isZero();
        String entries = list.output().substring(list.output().indexOf("----------"));
        return entries.lines().filter(l -> l.startsWith("Path = ")).map(l -> l.substring("Path = ".length()))
                .toList();
    }
}
