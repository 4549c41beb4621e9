package dev.relpromo.repack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackParams;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.WorkItem;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.failure.TaskFailureException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepackHandlerTest {
    private static final String RELEASE = "Firefox-130.0-build1";

    @TempDir
    Path dir;
    private FileSystemArtifactStore store;
    private Artifact partnerConfig;
    private final RepackHandler handler = new RepackHandler(new Repacker(TarRepackTest.SMALL_BLOCKS));

    @BeforeEach
    void setUp() throws Exception {
        store = new FileSystemArtifactStore(dir.resolve("store"));
        Path snapshot = TestArchives.acmeSubConfig(dir.resolve("partner-config.zip"));
        partnerConfig = store.put("releng/partner-config/acme/acme-1/snapshot.zip", snapshot).asArtifact("partner-config.zip");
    }

    private Artifact upstream(String key, Path file) throws Exception {
        StoredObject o = store.put(key, file);
        return o.asArtifact(key.substring(key.lastIndexOf('/') + 1));
    }

    private static RepackParams params(String version, String locale, String sourceLocale, Artifact partnerConfig) {
        return new RepackParams(new ReleaseRef("firefox", version, 1),
                new RepackRef("partner", "acme/acme-1/" + locale, "acme", "acme-1", locale, 1), sourceLocale,
                partnerConfig, false, "acme", null, null);
    }

    private static WorkItem work(String kind, Platform platform, RepackParams params, Artifact... upstreamArtifacts) {
        String label = kind + "-" + (platform == null ? "none" : platform.buildPlatform()) + "-acme-acme-1-"
                + params.repack().locale();
        TaskDefined task = new TaskDefined(RELEASE, Phase.PROMOTE, RELEASE + "/" + label, label, kind, Service.REPACK,
                platform, List.of(RELEASE + "/build-signing"), params);
        TaskCompleted signing = new TaskCompleted(RELEASE, Phase.PROMOTE, RELEASE + "/build-signing", "build-signing",
                "build-signing", 1, List.of(upstreamArtifacts));
        return new WorkItem(task, 1, List.of(signing));
    }

    private TaskContext context(String attempt) throws Exception {
        return new TaskContext(store, Files.createDirectories(dir.resolve("work-" + attempt)), new ArtifactResolver(store));
    }

    @Test
    void storesTheLinuxRepackUnderItsDeterministicKey() throws Exception {
        Artifact build = upstream("builds/linux-x86_64/de/target.tar.bz2",
                TestArchives.linuxBuild().write(dir.resolve("target.tar.bz2"), ArchiveFormat.TAR_BZ2));
        WorkItem item = work(RepackHandler.PARTNER_KIND, Platform.LINUX64, params("130.0", "de", "de", partnerConfig), build);

        List<Artifact> first = handler.handle(item, context("1"));
        List<Artifact> rerun = handler.handle(item, context("2"));

        assertThat(first).hasSize(1);
        Artifact out = first.get(0);
        assertThat(out.name()).isEqualTo("target.tar.bz2");
        assertThat(out.uri()).isEqualTo("store:releng/partner/firefox/130.0/build1/v1/acme/acme-1/linux-x86_64/de/target.tar.bz2");
        assertThat(out.sha512()).isEqualTo(store.stat(out.storeKey()).orElseThrow().sha512());
        assertThat(rerun).isEqualTo(first); // same key, same bytes
        Path stored = store.pathOf(out.storeKey());
        assertThat(TestArchives.readTar(stored, ArchiveFormat.TAR_BZ2)).containsKey("firefox/distribution/distribution.ini");
    }

    @Test
    void aCustomLocaleEmeFreeRepackOfANewerReleaseUsesTheXzBuild() throws Exception {
        Artifact build = upstream("builds/linux-x86_64/en-GB/target.tar.xz",
                TestArchives.linuxBuild().write(dir.resolve("target.tar.xz"), ArchiveFormat.TAR_XZ));
        WorkItem item = work(RepackHandler.EME_FREE_KIND, Platform.LINUX64, params("140.0", "en-HK", "en-GB", partnerConfig), build);

        Artifact out = handler.handle(item, context("1")).get(0);

        assertThat(out.storeKey()).isEqualTo("releng/partner/firefox/140.0/build1/v1/acme/acme-1/linux-x86_64/en-HK/target.tar.xz");
        String ini = TestArchives.readTar(store.pathOf(out.storeKey()), ArchiveFormat.TAR_XZ)
                .get("firefox/distribution/distribution.ini").text();
        assertThat(ini).endsWith("[Locale]\nlocale=en-HK\n");
    }

    @Test
    void windowsRepacksCarrySetupExeForward() throws Exception {
        Path zip = dir.resolve("target.zip");
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(zip)) {
            var e = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("firefox/firefox.exe");
            out.putArchiveEntry(e);
            out.write(TestArchives.random(1000, 1));
            out.closeArchiveEntry();
        }
        Path setup = Files.write(dir.resolve("setup.exe"), TestArchives.random(3000, 2));
        Artifact build = upstream("builds/win64/de/target.zip", zip);
        Artifact setupExe = upstream("builds/win64/de/setup.exe", setup);
        WorkItem item = work(RepackHandler.PARTNER_KIND, Platform.WIN64, params("130.0", "de", "de", partnerConfig), build, setupExe);

        List<Artifact> out = handler.handle(item, context("1"));

        assertThat(out).extracting(Artifact::name).containsExactly("target.zip", "setup.exe");
        assertThat(out.get(1).storeKey()).isEqualTo("releng/partner/firefox/130.0/build1/v1/acme/acme-1/win64/de/setup.exe");
        try (InputStream in = store.open(out.get(1).storeKey())) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(setup));
        }
    }

    @Test
    void aWin32StubSubConfigGetsTargetStubZipAndTheReplacementSetupExe() throws Exception {
        Path zip = dir.resolve("target.zip");
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(zip)) {
            out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("firefox/firefox.exe"));
            out.write(TestArchives.random(1000, 1));
            out.closeArchiveEntry();
        }
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("repack.cfg", "locales=de\nwin32=true\n".getBytes(StandardCharsets.UTF_8));
        files.put("distribution/distribution.ini", TestArchives.INI.getBytes(StandardCharsets.UTF_8));
        files.put("stub/partner.ini", "[Partner]\nlang=%LOCALE%\nproduct=%BOUNCER_PRODUCT%\n".getBytes(StandardCharsets.UTF_8));
        files.put("own/setup.exe", "MZ-own-setup".getBytes(StandardCharsets.UTF_8));
        Artifact config = store.put("releng/partner-config/acme/acme-1/stub.zip",
                TestArchives.subConfig(dir.resolve("stub-config.zip"), files)).asArtifact("partner-config.zip");
        RepackParams stub = new RepackParams(new ReleaseRef("firefox", "130.0", 1),
                new RepackRef("partner", "acme/acme-1/de", "acme", "acme-1", "de", 1), "de", config, false, "acme",
                "partner-firefox-release-acme-acme-1-latest", "own/setup.exe");
        WorkItem item = work(RepackHandler.PARTNER_KIND, Platform.WIN32, stub,
                upstream("builds/win32/de/target.zip", zip),
                upstream("builds/win32/de/setup.exe", Files.write(dir.resolve("setup.exe"), TestArchives.random(300, 2))),
                upstream("builds/win32/de/setup-stub.exe", Files.write(dir.resolve("setup-stub.exe"), new byte[] {'M', 'Z', 7})));

        List<Artifact> out = handler.handle(item, context("stub"));

        assertThat(out).extracting(Artifact::name)
                .containsExactly("target.zip", "setup.exe", "target-stub.zip", "setup-stub.exe");
        String prefix = "releng/partner/firefox/130.0/build1/v1/acme/acme-1/win32/de/";
        assertThat(out).extracting(Artifact::storeKey).containsExactly(prefix + "target.zip", prefix + "setup.exe",
                prefix + "target-stub.zip", prefix + "setup-stub.exe");
        try (InputStream in = store.open(prefix + "setup.exe")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("MZ-own-setup");
        }
        try (var stubZip = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                .setPath(store.pathOf(prefix + "target-stub.zip")).get()) {
            assertThat(java.util.Collections.list(stubZip.getEntries())).extracting(e -> e.getName())
                    .containsExactly("firefox/", "partner.ini");
            assertThat(new String(stubZip.getInputStream(stubZip.getEntry("partner.ini")).readAllBytes(),
                    StandardCharsets.UTF_8))
                    .isEqualTo("[Partner]\nlang=de\nproduct=partner-firefox-release-acme-acme-1-latest\n");
            assertThat(stubZip.getEntry("firefox/").getUnixMode()).isEqualTo(040755);
        }
        // a rerun writes byte-identical objects (the store refuses different bytes at the same key)
        assertThat(handler.handle(item, context("stub-again"))).isEqualTo(out);
    }

    @Test
    void refusesTasksItCannotRepack() throws Exception {
        Artifact build = upstream("builds/linux-x86_64/de/target.tar.bz2",
                TestArchives.linuxBuild().write(dir.resolve("target.tar.bz2"), ArchiveFormat.TAR_BZ2));
        RepackParams ok = params("130.0", "de", "de", partnerConfig);

        List<WorkItem> bad = new ArrayList<>();
        bad.add(work(RepackHandler.PARTNER_KIND, null, ok, build));
        bad.add(work("release-partner-repack-repackage", Platform.LINUX64, ok, build));
        bad.add(work(RepackHandler.PARTNER_KIND, Platform.LINUX64, params("130.0", "..", "de", partnerConfig), build));
        bad.add(work(RepackHandler.PARTNER_KIND, Platform.LINUX64, params("130.0/../../x", "de", "de", partnerConfig), build));
        bad.add(work(RepackHandler.PARTNER_KIND, Platform.LINUX64, params("130.0", "de", "de", null), build));
        bad.add(work(RepackHandler.PARTNER_KIND, Platform.MACOSX64, ok, build)); // no target.tar.gz upstream
        List<String> messages = List.of("has no platform", "does not handle kind", "has locale '..'",
                "has version '130.0/../../x'", "has no partner_config", "no upstream artifact named target.tar.gz");

        for (int i = 0; i < bad.size(); i++) {
            WorkItem item = bad.get(i);
            assertThatThrownBy(() -> handler.handle(item, context("bad")))
                    .isInstanceOf(TaskFailureException.class)
                    .hasMessageContaining(messages.get(i));
        }
        assertThat(store.list("releng/partner/")).isEmpty();
    }

    @Test
    void anArchiveBeyondTheLimitsFailsTheTaskAndStoresNothing() throws Exception {
        Artifact build = upstream("builds/linux-x86_64/de/target.tar.bz2",
                TestArchives.linuxBuild().write(dir.resolve("target.tar.bz2"), ArchiveFormat.TAR_BZ2));
        WorkItem item = work(RepackHandler.PARTNER_KIND, Platform.LINUX64, params("130.0", "de", "de", partnerConfig), build);
        TaskContext context = context("1");

        assertThatThrownBy(() -> new RepackHandler(new ArchiveLimits(1 << 30, 5)).handle(item, context))
                .isInstanceOf(TaskFailureException.class) // failed at once, never retried
                .hasMessage("archive target.tar.bz2 has more than 5 entries (the limit was reached at entry"
                        + " 'firefox/browser/'); this protects against decompression bombs: if the archive is"
                        + " genuine, raise RELPROMO_ARCHIVE_MAX_ENTRIES");
        assertThat(store.list("releng/partner/")).isEmpty();
        assertThat(context.workDir().resolve("output")).isEmptyDirectory();
    }

    @Test
    void aTamperedSubConfigSnapshotFailsTheSha512Check() throws Exception {
        Artifact build = upstream("builds/linux-x86_64/de/target.tar.bz2",
                TestArchives.linuxBuild().write(dir.resolve("target.tar.bz2"), ArchiveFormat.TAR_BZ2));
        Artifact tampered = new Artifact(partnerConfig.name(), partnerConfig.uri(), "00".repeat(64), partnerConfig.size());
        WorkItem item = work(RepackHandler.PARTNER_KIND, Platform.LINUX64, params("130.0", "de", "de", tampered), build);

        assertThatThrownBy(() -> handler.handle(item, context("1")))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("sha512");
    }
}
