package dev.relpromo.signing;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.WorkItem;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.pe.MinimalPe;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.work.ArtifactResolver;
import dev.relpromo.kit.work.TaskContext;
import dev.relpromo.signing.authenticode.AuthenticodeTestKeys;
import dev.relpromo.signing.authenticode.LocalAuthenticodeBackend;
import dev.relpromo.signing.authenticode.Osslsigncode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows repackage-signing: Authenticode on the installers (stored under signed/), then OpenPGP on the signed bytes. */
class WindowsRepackageSigningTest {
    private static final String REPACK = "acme/acme-1/de";
    private static final String REPACKAGE = "release-partner-repack-repackage";
    private static final byte[] INSTALLER = MinimalPe.image(MinimalPe.Machine.I386, "unsigned target.installer.exe");
    private static final byte[] STUB = MinimalPe.image(MinimalPe.Machine.I386, "unsigned target.stub-installer.exe");

    @TempDir
    Path tmp;
    private FileSystemArtifactStore store;
    private TaskContext context;
    private RepackageSigningHandler handler;
    private String dir;
    private String keyKey;

    @BeforeEach
    void setUp() throws Exception {
        store = new FileSystemArtifactStore(tmp.resolve("store"));
        context = new TaskContext(store, Files.createDirectories(tmp.resolve("work")), new ArtifactResolver(store));
        handler = new RepackageSigningHandler(TestKeys.sharedSigner(), RepackageSigningHandlerTest.authenticode());
        dir = "releng/partner/firefox/130.0/build1/v1/acme/acme-1/win32/de/";
        keyKey = "releng/signing/" + TestKeys.sharedSigner().fingerprint() + "/KEY";
    }

    @Test
    void signsTheInstallerAndTheStubAndStoresThemBesideTheUnsignedOnes() throws Exception {
        List<Artifact> unsigned = List.of(store.put(dir + "target.installer.exe", INSTALLER).asArtifact("target.installer.exe"),
                store.put(dir + "target.stub-installer.exe", STUB).asArtifact("target.stub-installer.exe"));

        List<Artifact> out = handler.handle(work(Platform.WIN32, unsigned), context);

        assertThat(out).containsExactly(
                stored("signed/target.installer.exe", "target.installer.exe"),
                stored("signed/target.installer.exe.asc", "target.installer.exe.asc"),
                stored("signed/target.stub-installer.exe", "target.stub-installer.exe"),
                stored("signed/target.stub-installer.exe.asc", "target.stub-installer.exe.asc"),
                store.stat(keyKey).orElseThrow().asArtifact("KEY"));
        assertThat(store.list(dir)).containsExactly(dir + "signed/target.installer.exe",
                dir + "signed/target.installer.exe.asc", dir + "signed/target.stub-installer.exe",
                dir + "signed/target.stub-installer.exe.asc", dir + "target.installer.exe",
                dir + "target.stub-installer.exe");
        assertThat(store.open(dir + "target.installer.exe").readAllBytes()).as("unsigned, untouched").isEqualTo(INSTALLER);
        assertThat(store.open(dir + "target.stub-installer.exe").readAllBytes()).isEqualTo(STUB);
        assertThat(store.stat(dir + "target.installer.exe").orElseThrow().asArtifact("target.installer.exe"))
                .isEqualTo(unsigned.get(0));
        assertThat(out.get(0).size()).isGreaterThan(INSTALLER.length); // the signature and the attribution slot
    }

    @Test
    void theSignedInstallersVerifyWithTheLocalCaAndTheirSignaturesWithTheKey() throws Exception {
        assumeTrue(SystemTools.has("osslsigncode"), "osslsigncode not found on PATH: skipping Authenticode verification");
        assumeTrue(SystemTools.has("gpg"), "gpg not found on PATH: skipping OpenPGP verification");
        handler.handle(work(Platform.WIN32, List.of(
                store.put(dir + "target.installer.exe", INSTALLER).asArtifact("target.installer.exe"),
                store.put(dir + "target.stub-installer.exe", STUB).asArtifact("target.stub-installer.exe"))), context);

        try (SystemGpg gpg = SystemGpg.withHome(tmp.resolve("gnupg"))) {
            assertThat(gpg.importKey(store.pathOf(keyKey)).exitCode()).isZero();
            for (String name : List.of("target.installer.exe", "target.stub-installer.exe")) {
                Path signed = store.pathOf(dir + "signed/" + name);
                Osslsigncode.Result authenticode = Osslsigncode.verify(AuthenticodeTestKeys.caFile(), signed);
                assertThat(authenticode.exitCode()).as(authenticode.output()).isZero();
                assertThat(authenticode.output()).contains("Signature verification: ok");
                SystemGpg.Result openPgp = gpg.verify(store.pathOf(dir + "signed/" + name + ".asc"), signed);
                assertThat(openPgp.exitCode()).as(openPgp.output()).isZero();
                assertThat(openPgp.output()).contains("Good signature");
            }
        }
    }

    @Test
    void aRerunWithFreshlyLoadedKeysWritesByteIdenticalOutputs() throws Exception {
        WorkItem item = work(Platform.WIN64, List.of(
                store.put(dir.replace("/win32/", "/win64/") + "target.installer.exe", INSTALLER).asArtifact("target.installer.exe")));

        List<Artifact> first = handler.handle(item, context);
        List<byte[]> firstBytes = contents(first);
        List<Artifact> again = new RepackageSigningHandler(LocalGpgSigner.fromKeyDirectory(TestKeys.sharedKeyDir()),
                LocalAuthenticodeBackend.fromKeyDirectory(AuthenticodeTestKeys.sharedKeyDir())).handle(item, context);

        assertThat(again).isEqualTo(first);
        assertThat(contents(again)).containsExactlyElementsOf(firstBytes);
        assertThat(first).extracting(Artifact::name)
                .containsExactly("target.installer.exe", "target.installer.exe.asc", "KEY");
    }

    @Test
    void withoutAnInstallerOrWithSomethingThatIsNotAnExecutableItFailsAndWritesNothing() throws Exception {
        Artifact zip = store.put(dir + "target.zip", "PK".getBytes(StandardCharsets.US_ASCII)).asArtifact("target.zip");
        Artifact notPe = store.put(dir + "target.installer.exe", "MZ but no PE header".getBytes(StandardCharsets.US_ASCII))
                .asArtifact("target.installer.exe");

        assertThatThrownBy(() -> handler.handle(work(Platform.WIN32, List.of(zip)), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("task " + SigningWork.RELEASE + "/release-partner-repack-repackage-signing-win32-shippable-"
                        + "acme-acme-1-de needs target.installer.exe from its repackage upstream (upstream artifacts:"
                        + " target.zip)");
        assertThatThrownBy(() -> handler.handle(work(Platform.WIN32, List.of(notPe)), context))
                .isInstanceOf(TaskFailureException.class)
                .hasMessage("cannot Authenticode-sign target.installer.exe (store:" + dir + "target.installer.exe): it"
                        + " is not a Windows PE executable");
        assertThat(store.list(dir)).containsExactly(dir + "target.installer.exe", dir + "target.zip");
        assertThat(store.list("releng/signing")).isEmpty();
    }

    private Artifact stored(String relativeKey, String name) throws Exception {
        return store.stat(dir + relativeKey).orElseThrow().asArtifact(name);
    }

    private List<byte[]> contents(List<Artifact> artifacts) throws Exception {
        List<byte[]> bytes = new ArrayList<>();
        for (Artifact a : artifacts) {
            bytes.add(store.open(a.storeKey()).readAllBytes());
        }
        return bytes;
    }

    private static WorkItem work(Platform platform, List<Artifact> repackaged) {
        return SigningWork.repackageSigning(RepackageSigningHandler.PARTNER_KIND, platform, REPACK,
                SigningWork.completed(REPACKAGE, platform, REPACK, repackaged));
    }
}
