package dev.relpromo.signing.autograph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.failure.TransientTaskException;
import dev.relpromo.signing.GpgSigner;
import dev.relpromo.signing.LocalGpgSigner;
import dev.relpromo.signing.RepackageSigningHandler;
import dev.relpromo.signing.authenticode.AuthenticodeTestKeys;
import dev.relpromo.signing.authenticode.LocalAuthenticodeBackend;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutographGpgSignerTest {
    private static final String HAWK_KEY = "fs5wgcer9qj819kfptdlp8gm227ewxnzvsuj9ztycsx08hfhzu";
    private static final String KEY_ID = "gpg2-relpromo";

    private LocalGpgSigner serverKey;
    private FakeAutograph autograph;

    @BeforeEach
    void startServer() throws Exception {
        serverKey = AutographTestKeys.gpg();
        autograph = FakeAutograph.start(HAWK_KEY, KEY_ID, serverKey, AutographTestKeys.authenticodeKey());
    }

    @AfterEach
    void stopServer() {
        autograph.close();
    }

    @Test
    void signsThroughSignDataAndTheDetachedSignatureVerifies() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        GpgSigner signer = signer(HAWK_KEY, serverKey.armoredPublicKey());

        byte[] asc = signer.signDetached(new ByteArrayInputStream(data));

        assertThat(new String(asc, "US-ASCII")).startsWith("-----BEGIN PGP SIGNATURE-----");
        assertThat(verifies(asc, data, serverKey.armoredPublicKey())).isTrue();
        data[0] ^= 1;
        assertThat(verifies(asc, data, serverKey.armoredPublicKey())).isFalse();
        assertThat(autograph.received()).hasSize(1);
        FakeAutograph.Received request = autograph.received().get(0);
        assertThat(request.path()).isEqualTo("/sign/data");
        assertThat(request.authorization()).startsWith("Hawk id=\"relpromo-test\", ts=\"");
        data[0] ^= 1;
        assertThat(Base64.getDecoder().decode(request.request().get(0).get("input").asText())).isEqualTo(data);
        assertThat(request.request().get(0).get("keyid").asText()).isEqualTo(KEY_ID);
        assertThat(request.request().get(0).has("options")).isFalse();
    }

    @Test
    void standsInForTheLocalSignerWithTheConfiguredKey() throws Exception {
        GpgSigner signer = signer(HAWK_KEY, serverKey.armoredPublicKey());

        assertThat(signer.fingerprint()).isEqualTo(serverKey.fingerprint());
        assertThat(signer.armoredPublicKey()).isEqualTo(serverKey.armoredPublicKey());
        assertThat(new RepackageSigningHandler(signer, LocalAuthenticodeBackend.fromKeyDirectory(
                AuthenticodeTestKeys.sharedKeyDir()))).isNotNull(); // usable wherever a GpgSigner is
    }

    @Test
    void aWrongHawkKeyIsAClearUnauthorizedFailure() throws Exception {
        String wrongKey = "not-the-shared-key";
        GpgSigner signer = signer(wrongKey, serverKey.armoredPublicKey());

        assertThatThrownBy(() -> signer.signDetached(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isExactlyInstanceOf(TaskFailureException.class)
                .hasMessage("Autograph POST " + autograph.url() + "sign/data as 'relpromo-test' answered HTTP 401"
                        + " (Unauthorized: the Hawk id or key is wrong, or the clock is off):"
                        + " authorization verification failed: mac mismatch")
                .message().doesNotContain(wrongKey).doesNotContain(HAWK_KEY);
        assertThat(autograph.received()).isEmpty();
    }

    @Test
    void aServerErrorIsTransient() throws Exception {
        autograph.failWith(503);
        GpgSigner signer = signer(HAWK_KEY, serverKey.armoredPublicKey());

        assertThatThrownBy(() -> signer.signDetached(new ByteArrayInputStream(new byte[] {1})))
                .isExactlyInstanceOf(TransientTaskException.class)
                .hasMessage("Autograph POST " + autograph.url() + "sign/data as 'relpromo-test' answered HTTP 503:"
                        + " forced failure");
    }

    @Test
    void aSignatureByAnotherKeyThanTheConfiguredOneIsRefused(@TempDir Path otherKeys) throws Exception {
        LocalGpgSigner other = LocalGpgSigner.fromKeyDirectory(otherKeys);
        GpgSigner signer = signer(HAWK_KEY, other.armoredPublicKey());

        assertThatThrownBy(() -> signer.signDetached(new ByteArrayInputStream(new byte[] {1})))
                .isExactlyInstanceOf(TaskFailureException.class)
                .hasMessageStartingWith("Autograph " + autograph.url() + " (key id gpg2-relpromo) signed with OpenPGP key ")
                .hasMessageEndingWith(", not with the configured key " + other.fingerprint());
    }

    private AutographGpgSigner signer(String hawkKey, byte[] publicKey) throws Exception {
        AutographClient client = new AutographClient(autograph.url(),
                new HawkCredentials(FakeAutograph.HAWK_ID, hawkKey), Duration.ofSeconds(10));
        return new AutographGpgSigner(client, KEY_ID, publicKey);
    }

    private static boolean verifies(byte[] asc, byte[] data, byte[] armoredPublicKey) throws Exception {
        PGPPublicKeyRing ring = new PGPPublicKeyRing(PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armoredPublicKey)), new BcKeyFingerprintCalculator());
        PGPSignature signature = ((PGPSignatureList) new BcPGPObjectFactory(
                PGPUtil.getDecoderStream(new ByteArrayInputStream(asc))).nextObject()).get(0);
        signature.init(new BcPGPContentVerifierBuilderProvider(), ring.getPublicKey(signature.getKeyID()));
        signature.update(data);
        return signature.verify();
    }
}
