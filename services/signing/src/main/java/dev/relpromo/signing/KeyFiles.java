package dev.relpromo.signing;

import java.io.IOException;
import java.nio.ByteBuffer;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;

/**
 * File handling shared by the local key stores of every format (OpenPGP in {@link LocalKeyDirectory}, Authenticode
 * in {@code authenticode.LocalAuthenticodeKeys}): one owner-only directory, one lock per directory, and atomic
 * writes, so that a crash never leaves a half-written key and a secret is never readable by others, not even briefly.
 */
public final class KeyFiles {
    private static final String LOCK_FILE = ".lock";
    private static final String TMP_PREFIX = ".tmp-";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    /** File locks are per process: threads of one JVM also need a monitor per directory. */
    private static final ConcurrentMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private KeyFiles() {
    }

    /** What runs while the directory is locked. */
    @FunctionalInterface
    public interface LockedAction<T> {
        T run(Path dir) throws IOException;
    }

    /**
     * Creates {@code keyDir} (mode 0700) if needed and runs {@code action} on its real path while holding the
     * directory's lock, against other threads of this JVM and against other processes.
     */
    public static <T> T withLockedDirectory(Path keyDir, LockedAction<T> action) throws IOException {
        Path dir = createPrivateDirectories(keyDir).toRealPath();
        synchronized (MONITORS.computeIfAbsent(dir, d -> new Object())) {
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                lockChannel.lock(); // blocks while another process holds it; released when the channel closes
                return action.run(dir);
            }
        }
    }

    /**
     * Temp file in the same directory, fsync, atomic rename: readers see the old file or the whole new one. A secret
     * is created with mode 0600 from the start. Leftover {@code .tmp-*} files after a crash are ignored by readers.
     */
    public static void writeAtomically(Path target, byte[] content, boolean secret) throws IOException {
        Path tmp = target.resolveSibling(TMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
        try {
            Files.createFile(tmp, secret ? ownerOnly(OWNER_ONLY_FILE) : new FileAttribute<?>[0]);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
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

    /** Logs a warning (naming the file, never its content) when a secret is accessible to other users. */
    public static void warnIfReadableByOthers(Path secretFile, Logger log) throws IOException {
        if (isPosix() && !OWNER_ONLY_FILE.containsAll(Files.getPosixFilePermissions(secretFile))) {
            log.warn("The secret key {} is accessible to other users ({}); it should be mode 0600",
                    secretFile, PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
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
}
