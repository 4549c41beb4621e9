package dev.relpromo.signing.autograph;

import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.signing.GpgSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * {@link GpgSigner} backed by an Autograph {@code gpg2} signer ({@code autograph_gpg}): the data goes to
 * {@code POST /sign/data} and the response's {@code signature} is the armored detached signature, written as
 * {@code <file>.asc}. The public key is configured, not fetched: it is what beetmover publishes as {@code KEY}, and
 * every signature is checked to come from it (its issuer key id) before it is returned, so a misconfigured key id on
 * the server fails the task instead of publishing signatures nobody can verify.
 */
public final class AutographGpgSigner implements GpgSigner {
    private final AutographClient client;
    private final String keyId;
    private final byte[] armoredPublicKey;
    private final String fingerprint;
    private final Set<Long> keyIds = new HashSet<>();

    /**
     * @param keyId the Autograph signer id ({@code keyid}); {@code null} for the Hawk id's default
     * @param armoredPublicKey the signer's public key, armored
     */
    public AutographGpgSigner(AutographClient client, String keyId, byte[] armoredPublicKey) throws IOException {
        this.client = client;
        this.keyId = keyId;
        this.armoredPublicKey = armoredPublicKey.clone();
        PGPPublicKeyRing ring = new PGPPublicKeyRing(
                PGPUtil.getDecoderStream(new ByteArrayInputStream(armoredPublicKey)), new BcKeyFingerprintCalculator());
        this.fingerprint = HexFormat.of().formatHex(ring.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
        for (PGPPublicKey key : ring) {
            keyIds.add(key.getKeyID());
        }
    }

    @Override
    public byte[] signDetached(InputStream data) throws IOException {
        String signature = client.signData(data, keyId, Map.of());
        requireFromOurKey(signature);
        return signature.getBytes(StandardCharsets.US_ASCII);
    }

    private void requireFromOurKey(String armored) throws IOException {
        Object packet;
        try {
            packet = new BcPGPObjectFactory(PGPUtil.getDecoderStream(
                    new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))).nextObject();
        } catch (IOException e) {
            throw new TaskFailureException("Autograph " + client.baseUrl() + " (key id " + keyId
                    + ") returned something that is not an OpenPGP signature", e);
        }
        if (!(packet instanceof PGPSignatureList list) || list.isEmpty()) {
            throw new TaskFailureException("Autograph " + client.baseUrl() + " (key id " + keyId
                    + ") returned something that is not an OpenPGP signature");
        }
        long issuer = list.get(0).getKeyID();
        if (!keyIds.contains(issuer)) {
            throw new TaskFailureException("Autograph " + client.baseUrl() + " (key id " + keyId + ") signed with"
                    + " OpenPGP key " + String.format("%016X", issuer) + ", not with the configured key " + fingerprint);
        }
    }

    @Override
    public byte[] armoredPublicKey() {
        return armoredPublicKey.clone();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "AutographGpgSigner[" + client + ", keyid=" + keyId + ", " + fingerprint + "]";
    }
}
