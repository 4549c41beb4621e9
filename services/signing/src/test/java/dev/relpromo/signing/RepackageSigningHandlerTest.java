package dev.relpromo.signing;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.WorkItem;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.store.StoredObject;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.signing.authenticode.AuthenticodeTestKeys;
import dev.relpromo.signing.authenticode.LocalAuthenticodeBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepackageSigningHandlerTest {
    private static final String ARCHIVE_KEY = "releng/partner/acme/acme-1/linux64-shippable/de/target.tar.bz2";
    private static final byte[] ARCHIVE = "pretend this is a repacked firefox-130.0.tar.bz2".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private FileSystemArtifactStore store;
    private TaskContext context;
    private RepackageSigningHandler handler;

    @BeforeEach
    void setUp() throws Exception {
        store = new FileSystemArtifactStore(tmp.resolve("store"));
        context = new TaskContext(store, Files.createDirectories(tmp.resolve("work")), new ArtifactResolver(store));
        handler = new RepackageSigningHandler(TestKeys.sharedSigner(), authenticode());
    }

    static LocalAuthenticodeBackend authenticode() throws IOException {
        return LocalAuthenticodeBackend.fromKeyDirectory(AuthenticodeTestKeys.sharedKeyDir());
    }

    @Test
    void signsTheLinuxArchiveAndPassesItThroughWithItsSignatureAndKey() throws Exception {
        Artifact archive = store.put(ARCHIVE_KEY, ARCHIVE).asArtifact("target.tar.bz2");

        List<Artifact> out = handler.handle(work(RepackageSigningHandler.PARTNER_KIND, Platform.LINUX64, archive), context);

        StoredObject asc = store.stat(ARCHIVE_KEY + ".asc").orElseThrow();
        String keyKey = "releng/signing/" + TestKeys.sharedSigner().fingerprint() + "/KEY";
        StoredObject key = store.stat(keyKey).orElseThrow();
        assertThat(out).containsExactly(archive, asc.asArtifact("target.tar.bz2.asc"), key.asArtifact("KEY"));
        assertThat(store.open(keyKey).readAllBytes()).isEqualTo(TestKeys.sharedSigner().armoredPublicKey());
        assertThat(new String(store.open(ARCHIVE_KEY + ".asc").readAllBytes(), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PGP SIGNATURE-----");
    }

    @Test
    void aRerunWritesTheSameBytesAndReturnsTheSameArtifacts() throws Exception {
        Artifact archive = store.put(ARCHIVE_KEY, ARCHIVE).asArtifact("target.tar.bz2");
        WorkItem item = work(RepackageSigningHandler.PARTNER_KIND, Platform.LINUX64, archive);

        List<Artifact> first = handler.handle(item, context);
        byte[] firstAsc = store.open(ARCHIVE_KEY + ".asc").readAllBytes();
        List<Artifact> again = new RepackageSigningHandler(LocalGpgSigner.fromKeyDirectory(TestKeys.sharedKeyDir()),
                authenticode())
                .handle(item, context);

        assertThat(again).isEqualTo(first);
        assertThat(store.open(ARCHIVE_KEY + ".asc").readAllBytes()).isEqualTo(firstAsc);
    }

    @Test
    void theStoredSignatureVerifiesWithTheStoredKey() throws Exception {
        assumeTrue(SystemTools.has("gpg"), "gpg not found on PATH: skipping verification with the system gpg");
        String xzKey = "releng/partner/acme/acme-1/linux-shippable/de/target.tar.xz";
        Artifact archive = store.put(xzKey, ARCHIVE).asArtifact("target.tar.xz");

        List<Artifact> out = handler.handle(work(RepackageSigningHandler.PARTNER_KIND, Platform.LINUX, archive), context);

        assertThat(out).extracting(Artifact::name).containsExactly("target.tar.xz", "target.tar.xz.asc", "KEY");
        try (SystemGpg gpg = SystemGpg.withHome(tmp.resolve("gnupg"))) {
            assertThat(gpg.importKey(store.pathOf(out.get(2).storeKey())).exitCode()).isZero();
            SystemGpg.Result result = gpg.verify(store.pathOf(out.get(1).storeKey()), store.pathOf(xzKey));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Good signature");
        }
    }

    @Test
    void signsTheMacDiskImageAndPassesItThrough() throws Exception {
        String dmgKey = SigningWork.repackKey(Platform.MACOSX64, "acme/acme-1/de", "target.dmg");
        Artifact dmg = store.put(dmgKey, ARCHIVE).asArtifact("target.dmg");
        String repackage = "release-eme-free-repack-repackage";

        List<Artifact> out = handler.handle(SigningWork.repackageSigning(RepackageSigningHandler.EME_FREE_KIND,
                Platform.MACOSX64, "acme/acme-1/de", SigningWork.completed(repackage, Platform.MACOSX64,
                        "acme/acme-1/de", List.of(dmg))), context);

        String keyKey = "releng/signing/" + TestKeys.sharedSigner().fingerprint() + "/KEY";
        assertThat(out).containsExactly(dmg, store.stat(dmgKey + ".asc").orElseThrow().asArtifact("target.dmg.asc"),
                store.stat(keyKey).orElseThrow().asArtifact("KEY"));
        assertThat(store.open(dmgKey).readAllBytes()).isEqualTo(ARCHIVE);
        assumeTrue(SystemTools.has("gpg"), "gpg not found on PATH: skipping verification with the system gpg");
        try (SystemGpg gpg = SystemGpg.withHome(tmp.resolve("gnupg"))) {
            assertThat(gpg.importKey(store.pathOf(keyKey)).exitCode()).isZero();
            SystemGpg.Result result = gpg.verify(store.pathOf(dmgKey + ".asc"), store.pathOf(dmgKey));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("Good signature");
        }
    }

    @Test
    void aMacTaskWithoutADiskImageFailsClearly() throws Exception {
        Artifact archive = store.put(ARCHIVE_KEY, ARCHIVE).asArtifact("target.tar.gz");

        assertThatThrownBy(() -> handler.handle(work(RepackageSigningHandler.PARTNER_KIND, Platform.MACOSX64, archive), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("task " + SigningWork.RELEASE + "/release-partner-repack-repackage-signing-macosx64-shippable"
                        + "-acme-acme-1-de needs exactly one of [target.dmg] from its upstreams, found none (upstream"
                        + " artifacts: target.tar.gz)");
        assertThat(store.list("releng/signing")).isEmpty();
    }

    @Test
    void aTaskWithoutAPlatformFailsClearly() throws Exception {
        Artifact archive = store.put(ARCHIVE_KEY, ARCHIVE).asArtifact("target.tar.bz2");

        assertThatThrownBy(() -> handler.handle(work(RepackageSigningHandler.PARTNER_KIND, null, archive), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("repackage-signing task " + SigningWork.RELEASE + "/release-partner-repack-repackage-signing"
                        + "-none-acme-acme-1-de has no platform: nothing to sign");
        assertThat(store.list("releng/signing")).isEmpty();
    }

    @Test
    void refusesOtherKinds() throws Exception {
        Artifact archive = store.put(ARCHIVE_KEY, ARCHIVE).asArtifact("target.tar.bz2");

        assertThatThrownBy(() -> handler.handle(work("release-partner-repack-signing", Platform.LINUX64, archive), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("does not handle kind 'release-partner-repack-signing'");
    }

    @Test
    void refusesToSignBytesThatDoNotMatchTheUpstreamDigest() throws Exception {
        StoredObject stored = store.put(ARCHIVE_KEY, ARCHIVE);
        Artifact claimed = Artifact.stored("target.tar.bz2", ARCHIVE_KEY, "0".repeat(128), stored.size());

        assertThatThrownBy(() -> handler.handle(work(RepackageSigningHandler.PARTNER_KIND, Platform.LINUX64, claimed), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing to sign store:" + ARCHIVE_KEY + ": artifact target.tar.bz2 (store:" + ARCHIVE_KEY
                        + ") does not match what was published: read " + ARCHIVE.length + " bytes with sha512 "
                        + stored.sha512() + ", but its producer published " + ARCHIVE.length + " bytes with sha512 "
                        + "0".repeat(128));
        assertThat(store.exists(ARCHIVE_KEY + ".asc")).isFalse();
    }

    @Test
    void refusesToSignAnArchiveWithoutADigestOrWithAWrongSize() throws Exception {
        StoredObject stored = store.put(ARCHIVE_KEY, ARCHIVE);
        Artifact noDigest = Artifact.stored("target.tar.bz2", ARCHIVE_KEY, null, stored.size());
        Artifact noSize = Artifact.stored("target.tar.bz2", ARCHIVE_KEY, stored.sha512(), 0);

        assertThatThrownBy(() -> handler.handle(work(RepackageSigningHandler.PARTNER_KIND, Platform.LINUX64, noDigest), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("refusing to read artifact target.tar.bz2 (store:" + ARCHIVE_KEY + "): it has no valid sha512"
                        + " and size (sha512 null, size " + ARCHIVE.length + "), so its content could not be verified");
        assertThatThrownBy(() -> handler.handle(work(RepackageSigningHandler.PARTNER_KIND, Platform.LINUX64, noSize), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("read more than the 0 bytes its producer published");
        assertThat(store.list("releng")).containsExactly(ARCHIVE_KEY);
    }

    @Test
    void refusesToSignAnArchiveChangedBehindItsDigest() throws Exception {
        Artifact archive = store.put(ARCHIVE_KEY, ARCHIVE).asArtifact("target.tar.bz2");
        byte[] corrupted = ARCHIVE.clone();
        corrupted[0] ^= 1;
        Files.write(store.pathOf(ARCHIVE_KEY), corrupted);

        assertThatThrownBy(() -> handler.handle(work(RepackageSigningHandler.PARTNER_KIND, Platform.LINUX64, archive), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith("refusing to sign store:" + ARCHIVE_KEY + ": artifact target.tar.bz2");
        assertThat(store.list("releng")).containsExactly(ARCHIVE_KEY);
    }

    @Test
    void failsClearlyWithoutAnArchive() {
        Artifact other = Artifact.stored("target.zip", "releng/partner/x/target.zip", null, 0);

        assertThatThrownBy(() -> handler.handle(work(RepackageSigningHandler.PARTNER_KIND, Platform.LINUX64, other), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessageContaining("needs exactly one of [target.tar.xz, target.tar.bz2]")
                .hasMessageContaining("target.zip");
    }

    /** A signing task whose upstream is the Linux chunking dummy, which passes the repack's artifacts through. */
    private static WorkItem work(String kind, Platform platform, Artifact upstreamArtifact) {
        return SigningWork.repackageSigning(kind, platform, "acme/acme-1/de", SigningWork.completed(
                "release-partner-repack-chunking-dummy", platform, "acme/acme-1/de", List.of(upstreamArtifact)));
    }
}
