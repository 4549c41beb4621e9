package dev.relpromo.signing.mac;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Verifies a detached armored OpenPGP signature with one published public key ({@code KEY}), as the local
 * notarization does for the manifest. Only that key counts: a signature by any other key is refused.
 */
final class DetachedSignature {
    private DetachedSignature() {
    }

    /**
     * @param what how the message names the signed file
     * @throws TaskFailureException when the signature is malformed, by another key, or does not match the data
     */
    static void verify(byte[] armoredPublicKey, byte[] data, byte[] armoredSignature, String what) throws IOException {
        PGPPublicKeyRing ring;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armoredPublicKey))) {
            ring = new PGPPublicKeyRing(in, new BcKeyFingerprintCalculator());
        }
        PGPSignature signature = readSignature(armoredSignature, what);
        PGPPublicKey key = ring.getPublicKey(signature.getKeyID());
        if (key == null) {
            throw new TaskFailureException("the signature of " + what + " was made by key "
                    + Long.toHexString(signature.getKeyID()).toUpperCase(java.util.Locale.ROOT)
                    + ", not by the local key " + fingerprint(ring.getPublicKey()));
        }
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(data);
            if (!signature.verify()) {
                throw new TaskFailureException("the signature of " + what + " does not verify with the local key "
                        + fingerprint(key) + ": " + what + " was changed after signing");
            }
        } catch (PGPException e) {
            throw new TaskFailureException("cannot verify the signature of " + what + ": " + e.getMessage(), e);
        }
    }

    private static PGPSignature readSignature(byte[] armored, String what) throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object packet = new BcPGPObjectFactory(in).nextObject();
            if (packet instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
        } catch (IOException e) {
            throw new TaskFailureException("the signature of " + what + " is not an OpenPGP signature: " + e.getMessage(), e);
        }
        throw new TaskFailureException("the signature of " + what + " is not an OpenPGP signature");
    }

    private static String fingerprint(PGPPublicKey key) {
        return java.util.HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(java.util.Locale.ROOT);
    }
}
