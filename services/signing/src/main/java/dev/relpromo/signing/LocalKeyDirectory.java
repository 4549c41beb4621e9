package dev.relpromo.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
    private static final String LOCK_FILE = ".lock";
    private static final String TMP_PREFIX = ".tmp-";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    /** File locks are per process: threads of one JVM also need a monitor per directory. */
    private static final ConcurrentMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private LocalKeyDirectory() {
    }

    public static OpenPgpKey loadOrCreate(Path keyDir) throws IOException {
        return loadOrCreate(keyDir, DEFAULT_IDENTITY);
    }

    public static OpenPgpKey loadOrCreate(Path keyDir, String identity) throws IOException {
        Path dir = createPrivateDirectories(keyDir).toRealPath();
        synchronized (MONITORS.computeIfAbsent(dir, d -> new Object())) {
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                lockChannel.lock(); // blocks while another process holds it; released when the channel closes
                OpenPgpKey key = loadOrCreateLocked(dir, identity);
                writePublicKeyIfChanged(dir, key);
                return key;
            }
        }
    }

    private static OpenPgpKey loadOrCreateLocked(Path dir, String identity) throws IOException {
        Path secretFile = dir.resolve(SECRET_KEY_FILE);
        if (Files.isRegularFile(secretFile)) {
            warnIfReadableByOthers(secretFile);
            OpenPgpKey key = OpenPgpKey.decode(Files.readAllBytes(secretFile));
            LOG.info("Loaded local OpenPGP signing key {} from {}", key.fingerprint(), dir);
            return key;
        }
        long started = System.nanoTime();
        OpenPgpKey key = generate(identity);
        writeAtomically(secretFile, key.encodedSecretRing(), true);
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
            writeAtomically(publicFile, armored, false);
        }
    }

    /** Temp file in the same directory, fsync, atomic rename: readers see the old file or the whole new one. */
    private static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path tmp = target.resolveSibling(TMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
        try {
            // created with its final permissions, so the secret is never readable by others, not even briefly
            Files.createFile(tmp, secret ? ownerOnly(OWNER_ONLY_FILE) : new FileAttribute<?>[0]);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        return Files.createDirectories(dir, ownerOnly(OWNER_ONLY_DIR));
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfReadableByOthers(Path secretFile) throws IOException {
        if (isPosix() && !OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(secretFile))) {
            LOG.warn("The OpenPGP secret key {} is accessible to other users ({}); it should be mode 0600",
                    secretFile, PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        }
    }
}
