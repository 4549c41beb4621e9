package dev.relpromo.beetmover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.WorkItem;
import dev.relpromo.kit.store.Digests;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.failure.TaskFailureException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeetmoverHandlerTest {
    private static final String ABC_SHA512 = hex("SHA-512", "abc");
    private static final String ABC_SHA256 = hex("SHA-256", "abc");

    private static String hex(String algorithm, String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance(algorithm)
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String RELEASE = "Firefox-130.0-build1";
    private static final String BUILD_DIR = "pub/firefox/candidates/130.0-candidates/build1/";
    private static final String LINUX_PATH = "partner-repacks/acme/acme-1/v1/linux-x86_64/de";
    private static final String REPACK_DIR = "releng/partner/acme/acme-1/linux64-shippable/de/";
    private static final byte[] ARCHIVE = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SIGNATURE = "-----BEGIN PGP SIGNATURE-----\n\nnot really\n-----END PGP SIGNATURE-----\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nkey\n-----END PGP PUBLIC KEY BLOCK-----\n"
            .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    private FileSystemArtifactStore store;
    private TaskContext context;
    private final BeetmoverHandler handler = new BeetmoverHandler();

    @BeforeEach
    void setUp() throws Exception {
        store = new FileSystemArtifactStore(tmp.resolve("store"));
        context = new TaskContext(store, Files.createDirectories(tmp.resolve("work")), new ArtifactResolver(store));
    }

    @Test
    void publishesTheSignedLinuxRepackAtTheRealCandidatesPaths() throws Exception {
        List<Artifact> out = handler.handle(work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, linuxSigningOutputs()), context);

        String archive = BUILD_DIR + LINUX_PATH + "/firefox-130.0.tar.xz";
        assertThat(store.list("pub")).containsExactly(BUILD_DIR + "KEY", archive, archive + ".asc");
        assertThat(store.open(archive).readAllBytes()).isEqualTo(ARCHIVE);
        assertThat(store.open(archive + ".asc").readAllBytes()).isEqualTo(SIGNATURE);
        assertThat(store.open(BUILD_DIR + "KEY").readAllBytes()).isEqualTo(KEY);

        String checksumsKey = "releng/beetmover/firefox/130.0/build1/" + LINUX_PATH + "/target.checksums";
        Map<String, String> keysByName = out.stream().collect(Collectors.toMap(Artifact::name, Artifact::storeKey));
        assertThat(out).extracting(Artifact::name)
                .containsExactly("firefox-130.0.tar.xz", "firefox-130.0.tar.xz.asc", "KEY", "target.checksums");
        assertThat(keysByName).containsEntry("firefox-130.0.tar.xz", archive)
                .containsEntry("firefox-130.0.tar.xz.asc", archive + ".asc")
                .containsEntry("KEY", BUILD_DIR + "KEY")
                .containsEntry("target.checksums", checksumsKey);
        assertThat(out.get(0).sha512()).isEqualTo(ABC_SHA512);
        assertThat(out.get(0).size()).isEqualTo(3);

        Digests.Hashed asc = Digests.hash(new ByteArrayInputStream(SIGNATURE));
        assertThat(new String(store.open(checksumsKey).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
                ABC_SHA512 + " sha512 3 " + LINUX_PATH + "/firefox-130.0.tar.xz\n"
                + ABC_SHA256 + " sha256 3 " + LINUX_PATH + "/firefox-130.0.tar.xz\n"
                + asc.sha512() + " sha512 " + SIGNATURE.length + " " + LINUX_PATH + "/firefox-130.0.tar.xz.asc\n"
                + asc.sha256() + " sha256 " + SIGNATURE.length + " " + LINUX_PATH + "/firefox-130.0.tar.xz.asc");
    }

    @Test
    void aRerunLeavesThePublishedFilesAlone() throws Exception {
        WorkItem item = work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, linuxSigningOutputs());
        List<Artifact> first = handler.handle(item, context);
        Map<String, FileTime> written = new java.util.HashMap<>();
        for (String key : store.list("pub")) {
            written.put(key, Files.getLastModifiedTime(store.pathOf(key)));
        }
        byte[] manifest = store.open(first.get(3).storeKey()).readAllBytes();

        List<Artifact> again = new BeetmoverHandler().handle(item, context);

        assertThat(again).isEqualTo(first);
        for (String key : store.list("pub")) {
            assertThat(Files.getLastModifiedTime(store.pathOf(key))).as(key).isEqualTo(written.get(key));
        }
        assertThat(store.open(first.get(3).storeKey()).readAllBytes()).isEqualTo(manifest);
    }

    @Test
    void publishesEmeFreeWindowsInstallersUnderTheirPrettyNames() throws Exception {
        String dir = "releng/partner/mozilla-EME-free/mozilla-EME-free/de/";
        List<Artifact> upstream = List.of(
                store.put(dir + "target.installer.exe", ARCHIVE).asArtifact("target.installer.exe"),
                store.put(dir + "target.installer.exe.asc", SIGNATURE).asArtifact("target.installer.exe.asc"),
                store.put(dir + "target.stub-installer.exe", ARCHIVE).asArtifact("target.stub-installer.exe"),
                store.put(dir + "target.stub-installer.exe.asc", SIGNATURE).asArtifact("target.stub-installer.exe.asc"),
                store.put(dir + "target.zip", ARCHIVE).asArtifact("target.zip"));

        List<Artifact> out = handler.handle(work(BeetmoverHandler.EME_FREE_KIND, "win32-EME-free/de", upstream), context);

        assertThat(store.list("pub")).containsExactly(
                BUILD_DIR + "win32-EME-free/de/Firefox Installer.exe",
                BUILD_DIR + "win32-EME-free/de/Firefox Installer.exe.asc",
                BUILD_DIR + "win32-EME-free/de/Firefox Setup 130.0.exe",
                BUILD_DIR + "win32-EME-free/de/Firefox Setup 130.0.exe.asc");
        assertThat(out).extracting(Artifact::name).containsExactly("Firefox Installer.exe", "Firefox Installer.exe.asc",
                "Firefox Setup 130.0.exe", "Firefox Setup 130.0.exe.asc", "target.checksums");
        assertThat(new String(store.open(out.get(4).storeKey()).readAllBytes(), StandardCharsets.UTF_8).lines())
                .hasSize(8).allMatch(line -> line.contains(" win32-EME-free/de/Firefox "));
    }

    @Test
    void anIllegalPartnerPathFailsBeforeAnythingIsWritten() throws Exception {
        List<Artifact> upstream = linuxSigningOutputs();
        for (String path : List.of("partner-repacks/acme/../v1/linux-x86_64/de", "partner-repacks/acme/acme-1/v1/linux-aarch64/de",
                "win32-EME-free/de.x")) {
            assertThatThrownBy(() -> handler.handle(work(BeetmoverHandler.PARTNER_KIND, path, upstream), context))
                    .isInstanceOf(TaskFailureException.class)
                    .hasMessage("Illegal partner path " + path + " !");
        }
        assertThat(store.list("pub")).isEmpty();
        assertThat(store.list("releng/beetmover")).isEmpty();
    }

    @Test
    void refusesToPublishBytesThatDoNotMatchTheUpstreamDigest() throws Exception {
        List<Artifact> upstream = new ArrayList<>(linuxSigningOutputs());
        Artifact archive = upstream.get(0);
        upstream.set(0, new Artifact(archive.name(), archive.uri(), "0".repeat(128), archive.size()));

        assertThatThrownBy(() -> handler.handle(work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, upstream), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("not publishing " + BUILD_DIR + LINUX_PATH + "/firefox-130.0.tar.xz");
        assertThat(store.exists(BUILD_DIR + LINUX_PATH + "/firefox-130.0.tar.xz")).isFalse();
    }

    @Test
    void refusesInputsWithoutADigestOrOutsideTheBuildSourcesBeforePublishingAnything() throws Exception {
        List<Artifact> upstream = new ArrayList<>(linuxSigningOutputs());
        Artifact signature = upstream.get(1);
        upstream.set(1, new Artifact(signature.name(), signature.uri(), null, signature.size()));
        assertThatThrownBy(() -> handler.handle(work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, upstream), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing to read artifact target.tar.xz.asc (" + signature.uri() + "): it has no valid"
                        + " sha512 and size (sha512 null, size " + SIGNATURE.length + "), so its content could not be"
                        + " verified");

        Path elsewhere = Files.write(tmp.resolve("elsewhere.asc"), SIGNATURE);
        upstream.set(1, new Artifact(signature.name(), elsewhere.toUri().toString(), signature.sha512(), signature.size()));
        assertThatThrownBy(() -> handler.handle(work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, upstream), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith("refusing to read artifact target.tar.xz.asc: " + elsewhere.toUri()
                        + " is outside the build sources");
        assertThat(store.list("pub")).isEmpty();
        assertThat(store.list("releng/beetmover")).isEmpty();
    }

    @Test
    void refusesAnInputChangedBehindItsDigest() throws Exception {
        List<Artifact> upstream = linuxSigningOutputs();
        Files.write(store.pathOf(REPACK_DIR + "target.tar.xz"), "abd".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> handler.handle(work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, upstream), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith("not publishing " + BUILD_DIR + LINUX_PATH + "/firefox-130.0.tar.xz: artifact"
                        + " target.tar.xz (store:" + REPACK_DIR + "target.tar.xz) does not match what was published");
        assertThat(store.list("pub")).isEmpty();
    }

    @Test
    void aDifferentFileAlreadyPublishedFailsTheTaskBeforeWritingAndIsNotReplaced() throws Exception {
        String archive = BUILD_DIR + LINUX_PATH + "/firefox-130.0.tar.xz";
        store.put(archive, "an earlier repack".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> handler.handle(work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, linuxSigningOutputs()), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith("a different file is already published at " + archive + " (sha512 ")
                .hasMessageEndingWith("published files are never replaced; publish changed repacks as a respin (a new"
                        + " partner build number)");
        assertThat(store.list("pub")).containsExactly(archive);
        assertThat(store.open(archive).readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("an earlier repack");
    }

    @Test
    void aDifferentKeyAlreadyPublishedForTheBuildFailsTheTaskBeforeWriting() throws Exception {
        store.put(BUILD_DIR + "KEY", "another key".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> handler.handle(work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, linuxSigningOutputs()), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("a different signing key is already published at " + BUILD_DIR + "KEY");
        assertThat(store.list("pub")).containsExactly(BUILD_DIR + "KEY");
    }

    @Test
    void refusesOtherKindsAndInconsistentParams() throws Exception {
        List<Artifact> upstream = linuxSigningOutputs();
        assertThatThrownBy(() -> handler.handle(work("release-beetmover-push-to-release", LINUX_PATH, upstream), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("does not handle kind");

        WorkItem item = work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, upstream);
        TaskDefined t = item.task();
        BeetmoverParams p = t.params(BeetmoverParams.class);
        BeetmoverParams wrongVersion = new BeetmoverParams(new ReleaseRef("firefox", "131.0", 1), p.repack(),
                p.partnerPath());
        WorkItem inconsistent = new WorkItem(new TaskDefined(t.release(), t.phase(), t.taskId(), t.label(), t.kind(),
                t.service(), t.platform(), t.upstreams(), wrongVersion), 1, item.upstream());
        assertThatThrownBy(() -> handler.handle(inconsistent, context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("does not match its release Firefox-130.0-build1");
        assertThat(store.list("pub")).isEmpty();
    }

    @Test
    void failsWhenNothingIsPublishable() throws Exception {
        List<Artifact> upstream = List.of(store.put(REPACK_DIR + "target.zip", ARCHIVE).asArtifact("target.zip"));

        assertThatThrownBy(() -> handler.handle(work(BeetmoverHandler.PARTNER_KIND, LINUX_PATH, upstream), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("nothing to publish");
    }

    /** What Linux repackage-signing returns: the archive passed through, its signature and the signing KEY. */
    private List<Artifact> linuxSigningOutputs() throws Exception {
        return List.of(
                store.put(REPACK_DIR + "target.tar.xz", ARCHIVE).asArtifact("target.tar.xz"),
                store.put(REPACK_DIR + "target.tar.xz.asc", SIGNATURE).asArtifact("target.tar.xz.asc"),
                store.put("releng/signing/KEY", KEY).asArtifact("KEY"));
    }

    private static WorkItem work(String kind, String partnerPath, List<Artifact> upstreamArtifacts) {
        Platform platform = partnerPath.contains("win32") ? Platform.WIN32 : Platform.LINUX64;
        String suffix = platform.buildPlatform() + "-acme-acme-1-de";
        String label = kind + "-" + suffix;
        String signingLabel = "release-partner-repack-repackage-signing-" + suffix;
        BeetmoverParams params = new BeetmoverParams(new ReleaseRef("firefox", "130.0", 1),
                new RepackRef("partner", "acme/acme-1/de", "acme", "acme-1", "de", 1), partnerPath);
        TaskDefined task = new TaskDefined(RELEASE, Phase.PROMOTE, TaskIds.of(RELEASE, label), label, kind,
                Service.BEETMOVER, platform, List.of(TaskIds.of(RELEASE, signingLabel)), params);
        TaskCompleted signing = new TaskCompleted(RELEASE, Phase.PROMOTE, TaskIds.of(RELEASE, signingLabel), signingLabel,
                "release-partner-repack-repackage-signing", 1, upstreamArtifacts);
        return new WorkItem(task, 1, List.of(signing));
    }
}
