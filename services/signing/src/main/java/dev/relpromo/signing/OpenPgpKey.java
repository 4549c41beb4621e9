package dev.relpromo.signing;

import java.io.IOException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * An unencrypted OpenPGP signing key (a primary key that signs) with its public certificate. {@link #toString()}
 * shows only the fingerprint: the secret material must never reach a log line.
 */
public final class OpenPgpKey {
    private final PGPSecretKeyRing secretRing;
    private final PGPPublicKey publicKey;
    private final PGPPrivateKey privateKey;
    private final byte[] armoredPublicKey;

    private OpenPgpKey(PGPSecretKeyRing secretRing) throws IOException {
        this.secretRing = secretRing;
        PGPSecretKey secret = secretRing.getSecretKey();
        this.publicKey = secret.getPublicKey();
        try {
            // null decryptor: the local backend stores the key without a passphrase (see LocalKeyDirectory)
            this.privateKey = secret.extractPrivateKey(null);
        } catch (PGPException e) {
            throw new IOException("cannot read the OpenPGP secret key " + fingerprint()
                    + " (is it passphrase-protected? the local backend expects an unprotected key)", e);
        }
        this.armoredPublicKey = Armor.armor(out -> secretRing.toCertificate().encode(out, true));
    }

    static OpenPgpKey of(PGPSecretKeyRing secretRing) throws IOException {
        return new OpenPgpKey(secretRing);
    }

    static OpenPgpKey decode(byte[] encodedSecretRing) throws IOException {
        try {
            return new OpenPgpKey(new PGPSecretKeyRing(encodedSecretRing, new BcKeyFingerprintCalculator()));
        } catch (PGPException e) {
            throw new IOException("not an OpenPGP secret key ring", e);
        }
    }

    /** The transferable secret key, binary: what the key directory stores. */
    byte[] encodedSecretRing() throws IOException {
        return secretRing.getEncoded();
    }

    PGPPublicKey publicKey() {
        return publicKey;
    }

    PGPPrivateKey privateKey() {
        return privateKey;
    }

    /** The armored public key, as published next to the signatures ({@code KEY}). */
    public byte[] armoredPublicKey() {
        return armoredPublicKey.clone();
    }

    /** The v4 fingerprint in upper-case hex, as {@code gpg --fingerprint} shows it (without spaces). */
    public String fingerprint() {
        return HexFormat.of().formatHex(publicKey.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    public Date creationTime() {
        return publicKey.getCreationTime();
    }

    @Override
    public String toString() {
        return "OpenPgpKey[" + fingerprint() + "]";
    }
}
