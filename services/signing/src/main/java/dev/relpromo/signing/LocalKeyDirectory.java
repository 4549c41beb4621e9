package dev.relpromo.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local OpenPGP signing key, kept in a directory: {@value #SECRET_KEY_FILE} (binary, mode 0600) and the armored
 * public key as {@value #PUBLIC_KEY_FILE}. The first run creates an RSA-3072 key; later runs load it.
 *
 * <p><b>Local and development use only.</b> The secret key is stored without a passphrase, protected only by file
 * permissions. Production signing goes through an Autograph-compatible signing server ({@code autograph_gpg}), which
 * never hands the key to the worker; {@link GpgSigner} is the seam for that backend.
 *
 * <p>Creation is safe when several processes (or threads) start together on an empty directory: they serialise on a
 * lock file, the first creates the key and publishes it with an atomic move, and the others find it and load it.
 * A crash never leaves a half-written key, only a {@code .tmp-*} file that is ignored.
 */
public final class LocalKeyDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKeyDirectory.class);

    public static final String SECRET_KEY_FILE = "secret-key.pgp";
    public static final String PUBLIC_KEY_FILE = "KEY";
    public static final String DEFAULT_IDENTITY = "relpromo local signing key <relpromo@localhost>";
    static final int RSA_BITS = 3072;

    private LocalKeyDirectory() {
    }

    public static OpenPgpKey loadOrCreate(Path keyDir) throws IOException {
        return loadOrCreate(keyDir, DEFAULT_IDENTITY);
    }

    public static OpenPgpKey loadOrCreate(Path keyDir, String identity) throws IOException {
        return KeyFiles.withLockedDirectory(keyDir, dir -> {
            OpenPgpKey key = loadOrCreateLocked(dir, identity);
            writePublicKeyIfChanged(dir, key);
            return key;
        });
    }

    private static OpenPgpKey loadOrCreateLocked(Path dir, String identity) throws IOException {
        Path secretFile = dir.resolve(SECRET_KEY_FILE);
        if (Files.isRegularFile(secretFile)) {
            KeyFiles.warnIfReadableByOthers(secretFile, LOG);
            OpenPgpKey key = OpenPgpKey.decode(Files.readAllBytes(secretFile));
            LOG.info("Loaded local OpenPGP signing key {} from {}", key.fingerprint(), dir);
            return key;
        }
        long started = System.nanoTime();
        OpenPgpKey key = generate(identity);
        KeyFiles.writeAtomically(secretFile, key.encodedSecretRing(), true);
        LOG.info("Created local OpenPGP signing key {} (RSA-{}, '{}') in {} in {} ms; for local use only",
                key.fingerprint(), RSA_BITS, identity, dir, (System.nanoTime() - started) / 1_000_000);
        return key;
    }

    static OpenPgpKey generate(String identity) throws IOException {
        // OpenPGP timestamps have one-second resolution; truncate so the stored key round-trips exactly
        Date created = new Date(System.currentTimeMillis() / 1000 * 1000);
        RSAKeyPairGenerator rsa = new RSAKeyPairGenerator();
        rsa.init(new RSAKeyGenerationParameters(BigInteger.valueOf(0x10001), new SecureRandom(), RSA_BITS, 100));
        try {
            PGPKeyPair pair = new BcPGPKeyPair(PublicKeyPacket.VERSION_4, PublicKeyAlgorithmTags.RSA_GENERAL,
                    rsa.generateKeyPair(), created);
            PGPSignatureSubpacketGenerator selfSignature = new PGPSignatureSubpacketGenerator();
            selfSignature.setSignatureCreationTime(true, created);
            selfSignature.setKeyFlags(true, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
            selfSignature.setPreferredHashAlgorithms(false,
                    new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
            selfSignature.setPreferredSymmetricAlgorithms(false,
                    new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128});
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, pair, identity,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1), selfSignature.generate(), null,
                    new BcPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA512),
                    null /* no passphrase: local/dev backend */);
            return OpenPgpKey.of(rings.generateSecretKeyRing());
        } catch (PGPException e) {
            throw new IOException("cannot generate an OpenPGP key", e);
        }
    }

    /** KEY is derived from the secret key; rewrite it only when missing or stale (e.g. after a crash). */
    private static void writePublicKeyIfChanged(Path dir, OpenPgpKey key) throws IOException {
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        byte[] armored = key.armoredPublicKey();
        if (!Files.isRegularFile(publicFile) || !Arrays.equals(Files.readAllBytes(publicFile), armored)) {
            KeyFiles.writeAtomically(publicFile, armored, false);
        }
    }
}
