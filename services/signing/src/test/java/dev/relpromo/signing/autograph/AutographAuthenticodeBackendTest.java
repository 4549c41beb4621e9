package dev.relpromo.signing.autograph;

import dev.relpromo.testing.SystemTools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.pe.AttributionSlot;
import dev.relpromo.kit.pe.MinimalPe;
import dev.relpromo.signing.authenticode.AuthenticodeTestKeys;
import dev.relpromo.signing.authenticode.LocalAuthenticodeBackend;
import dev.relpromo.signing.authenticode.LocalAuthenticodeKeys;
import dev.relpromo.signing.authenticode.Osslsigncode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutographAuthenticodeBackendTest {
    private static final String HAWK_KEY = "3qz0hq0nfm5hngeu0cmfn1o2d7c3kmt4yw9p1ss0wj2ylrqbi7";
    private static final String KEY_ID = "authenticode_202412";

    @TempDir
    Path dir;

    private FakeAutograph autograph;

    @BeforeEach
    void startServer() throws Exception {
        autograph = FakeAutograph.start(HAWK_KEY, KEY_ID, AutographTestKeys.gpg(), AutographTestKeys.authenticodeKey());
    }

    @AfterEach
    void stopServer() {
        autograph.close();
    }

    @Test
    void onlyTheDigestGoesToSignHashAndTheFileEqualsALocalSignature() throws Exception {
        byte[] unsigned = MinimalPe.image(MinimalPe.Machine.AMD64);
        Path remote = Files.write(dir.resolve("remote.exe"), unsigned);
        Path local = Files.write(dir.resolve("local.exe"), unsigned);

        backend(HAWK_KEY).sign(remote);
        LocalAuthenticodeBackend.fromKeyDirectory(AuthenticodeTestKeys.sharedKeyDir()).sign(local);

        assertThat(Files.readAllBytes(remote)).isEqualTo(Files.readAllBytes(local));
        assertThat(autograph.received()).hasSize(1);
        FakeAutograph.Received request = autograph.received().get(0);
        assertThat(request.path()).isEqualTo("/sign/hash");
        assertThat(Base64.getDecoder().decode(request.request().get(0).get("input").asText())).hasSize(32);
        assertThat(request.request().get(0).get("keyid").asText()).isEqualTo(KEY_ID);
        assertThat(AttributionSlot.read(remote)).isEmpty();
    }

    @Test
    void theSignedFileVerifiesAndTakesAnAttributionCode() throws Exception {
        assumeTrue(SystemTools.has("osslsigncode"), "osslsigncode not found on PATH: skipping Authenticode verification");
        Path exe = Files.write(dir.resolve("target.installer.exe"), MinimalPe.image(MinimalPe.Machine.I386));

        backend(HAWK_KEY).sign(exe);
        AttributionSlot.write(exe, "campaign=acme&content=acme-001&medium=distribution&source=mozilla");

        Osslsigncode.Result verified = Osslsigncode.verify(AuthenticodeTestKeys.caFile(), exe);
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Signature verification: ok");
        assertThat(AttributionSlot.read(exe))
                .contains("campaign=acme&content=acme-001&medium=distribution&source=mozilla");
    }

    @Test
    void aWrongHawkKeyFailsClearlyAndLeavesTheFileAlone() throws Exception {
        byte[] unsigned = MinimalPe.image(MinimalPe.Machine.I386);
        Path exe = Files.write(dir.resolve("setup.exe"), unsigned);

        assertThatThrownBy(() -> backend("wrong-key").sign(exe))
                .isExactlyInstanceOf(TaskFailureException.class)
                .hasMessage("Autograph POST " + autograph.url() + "sign/hash as 'relpromo-test' answered HTTP 401"
                        + " (Unauthorized: the Hawk id or key is wrong, or the clock is off):"
                        + " authorization verification failed: mac mismatch");
        assertThat(Files.readAllBytes(exe)).isEqualTo(unsigned);
    }

    @Test
    void aSignatureThatDoesNotMatchTheCertificateIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        autograph.close();
        autograph = FakeAutograph.start(HAWK_KEY, KEY_ID, AutographTestKeys.gpg(),
                rsa.generateKeyPair().getPrivate());
        Path exe = Files.write(dir.resolve("setup.exe"), MinimalPe.image(MinimalPe.Machine.I386));

        assertThatThrownBy(() -> backend(HAWK_KEY).sign(exe))
                .hasMessageContaining("Authenticode signing of " + exe + " failed")
                .hasMessageContaining("the private key doesn't match the certificate");
    }

    private AutographAuthenticodeBackend backend(String hawkKey) throws Exception {
        List<X509Certificate> chain = LocalAuthenticodeKeys.readCertificates(
                AuthenticodeTestKeys.sharedKeyDir().resolve(LocalAuthenticodeKeys.CERTIFICATE_FILE));
        chain = List.of(chain.get(0), LocalAuthenticodeKeys.readCertificate(AuthenticodeTestKeys.caFile()));
        AutographClient client = new AutographClient(autograph.url(),
                new HawkCredentials(FakeAutograph.HAWK_ID, hawkKey), Duration.ofSeconds(10));
        return new AutographAuthenticodeBackend(client, KEY_ID, chain, null, null);
    }
}
