package dev.relpromo.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/**
 * Signs with the local key ({@link LocalKeyDirectory}). Signatures are reproducible: RSA PKCS#1 v1.5 is
 * deterministic, the creation time is pinned to the key's creation time instead of "now", and the armor has no
 * headers, so signing the same bytes again yields a byte-identical {@code .asc} and task reruns are idempotent.
 */
public final class LocalGpgSigner implements GpgSigner {
    private static final int BUFFER_SIZE = 1 << 16;
    private final OpenPgpKey key;

    public LocalGpgSigner(OpenPgpKey key) {
        this.key = key;
    }

    /** Loads the key from {@code keyDir}, creating it on first use. */
    public static LocalGpgSigner fromKeyDirectory(Path keyDir) throws IOException {
        return new LocalGpgSigner(LocalKeyDirectory.loadOrCreate(keyDir));
    }

    @Override
    public byte[] signDetached(InputStream data) throws IOException {
        PGPSignature signature;
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.publicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
                    key.publicKey());
            generator.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(true, key.creationTime());
            hashed.setIssuerFingerprint(false, key.publicKey());
            generator.setHashedSubpackets(hashed.generate());
            byte[] buffer = new byte[BUFFER_SIZE];
            for (int n; (n = data.read(buffer)) != -1; ) {
                generator.update(buffer, 0, n);
            }
            signature = generator.generate();
        } catch (PGPException e) {
            throw new IOException("OpenPGP signing with key " + key.fingerprint() + " failed", e);
        }
        return Armor.armor(out -> signature.encode(out, true));
    }

    @Override
    public byte[] armoredPublicKey() {
        return key.armoredPublicKey();
    }

    @Override
    public String fingerprint() {
        return key.fingerprint();
    }
}
