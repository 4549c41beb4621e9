package dev.relpromo.kit.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: a local directory.
 *
 * <p>An object is streamed into a hidden {@code .tmp-<owner>.<random>} file, forced to disk, and published under its
 * key with a no-replace hard link (so two writers of one key cannot overwrite each other), then the directory is
 * forced too: once {@link #write} returns, the object survives a crash. Objects are written once: a second writer
 * with identical bytes gets the existing object, one with different bytes a {@link StoreConflictException}.
 *
 * <p>Digests are cached in a hidden {@code .<name>.digests} sidecar written after the object, recording the size
 * and modification time it describes; {@link #stat} re-hashes an object whose sidecar does not match it. A crash
 * leaves at most temporary files, which {@link #cleanTemporaries} removes at start-up.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileSystemArtifactStore.class);
    private static final String TMP_PREFIX = ".tmp-";
    private static final String SIDECAR_SUFFIX = ".digests";
    private static final String SIDECAR_VERSION = "v2";
    /** Temporary files of other owners older than this are abandoned (no write takes a day). */
    static final Duration ABANDONED_AFTER = Duration.ofDays(1);
    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");

    private final Path root;
    private final String owner;

    /** A store whose temporary files belong to the default instance id {@code local}. */
    public FileSystemArtifactStore(Path root) throws IOException {
        this(root, "local");
    }

    /**
     * @param instanceId the process's instance id: it tags this store's temporary files, so that start-up cleaning
     *                   removes this instance's leftovers without touching another live process's writes
     */
    public FileSystemArtifactStore(Path root, String instanceId) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
        this.owner = SafeNames.encode(instanceId, 24);
    }

    public Path root() {
        return root;
    }

    /** The file behind a key (for the HTTP "CDN" and for local tools). */
    public Path pathOf(String key) {
        Path p = root.resolve(StoreKeys.validate(key)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("artifact-store key '" + key + "' escapes the store");
        }
        return p;
    }

    @Override
    public StoredObject write(String key, ContentWriter writer) throws IOException {
        Path target = pathOf(key);
        Path dir = createDirectoriesDurably(target.getParent());
        Path tmp = dir.resolve(TMP_PREFIX + owner + "." + UUID.randomUUID());
        try {
            Digests.Hashed hashed;
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Digests.HashingOutputStream out = new Digests.HashingOutputStream(
                        new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
                writer.writeTo(new KeepOpen(out));
                out.flush();
                hashed = out.result();
                channel.force(true); // the bytes reach the disk before the name does
            }
            if (!publish(tmp, target)) {
                return existingOrConflict(key, target, hashed);
            }
            syncDirectory(dir);
            writeSidecar(target, hashed);
            return new StoredObject(key, hashed.size(), hashed.sha512(), hashed.sha256());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes {@code tmp} visible as {@code target} unless {@code target} exists; false if it does. */
    private static boolean publish(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp); // link(2) never replaces: the no-replace publish
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links on this file system: a move without REPLACE_EXISTING refuses an existing target, with
            // a short window between its check and the rename in which two writers could still race.
            try {
                Files.move(tmp, target);
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        }
    }

    private StoredObject existingOrConflict(String key, Path target, Digests.Hashed ours) throws IOException {
        StoredObject existing = stat(key).orElseThrow(() -> new FileAlreadyExistsException(target.toString(), null,
                "artifact-store key '" + key + "' is taken by something other than a file"));
        if (!existing.sha512().equals(ours.sha512())) {
            throw new StoreConflictException(key, existing.sha512(), ours.sha512(), describe());
        }
        LOG.debug("{} already holds these bytes", key);
        return existing;
    }

    /** Creates missing directories below the root and forces each new entry into its parent. */
    private Path createDirectoriesDurably(Path dir) throws IOException {
        if (Files.isDirectory(dir) || dir.equals(root)) {
            return Files.createDirectories(dir);
        }
        createDirectoriesDurably(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return dir; // another writer created it (and syncs its parent)
        }
        syncDirectory(dir.getParent());
        return dir;
    }

    /** fsync of a directory, so a new or renamed entry in it survives a crash. */
    static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return; // directories cannot be opened for fsync there; NTFS journals its metadata
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static Path sidecar(Path target) {
        return target.resolveSibling("." + target.getFileName() + SIDECAR_SUFFIX);
    }

    /** Records the digests together with the size and mtime of the object they describe. */
    private void writeSidecar(Path target, Digests.Hashed hashed) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path tmp = target.resolveSibling(TMP_PREFIX + owner + "." + UUID.randomUUID());
        try {
            Files.writeString(tmp, String.join(" ", SIDECAR_VERSION, Long.toString(hashed.size()),
                    Long.toString(attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)), hashed.sha512(), hashed.sha256()) + "\n");
            try {
                Files.move(tmp, sidecar(target), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, sidecar(target), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The cached digests, if the sidecar describes the object as it is now. */
    private static Optional<StoredObject> readSidecar(String key, Path target, BasicFileAttributes attrs) {
        try {
            String[] parts = Files.readString(sidecar(target)).trim().split(" ");
            if (parts.length == 5 && parts[0].equals(SIDECAR_VERSION)
                    && Long.parseLong(parts[1]) == attrs.size()
                    && Long.parseLong(parts[2]) == attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                    && parts[3].matches("[0-9a-f]{128}") && parts[4].matches("[0-9a-f]{64}")) {
                return Optional.of(new StoredObject(key, attrs.size(), parts[3], parts[4]));
            }
        } catch (IOException | RuntimeException e) {
            // missing, torn or foreign: re-hash
        }
        return Optional.empty();
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return Files.newInputStream(pathOf(key));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("artifact-store key '" + key + "' does not exist in " + describe());
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        Path p = pathOf(key);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attrs.isRegularFile()) {
            return Optional.empty();
        }
        Optional<StoredObject> cached = readSidecar(key, p, attrs);
        if (cached.isPresent()) {
            return cached;
        }
        Digests.Hashed h = Digests.hashFile(p);
        BasicFileAttributes after = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (after.size() == h.size() && after.lastModifiedTime().equals(attrs.lastModifiedTime())) {
            try {
                writeSidecar(p, h); // unchanged while hashed: worth remembering
            } catch (IOException e) {
                LOG.debug("cannot refresh the digests of {}", key, e);
            }
        }
        return Optional.of(new StoredObject(key, h.size(), h.sha512(), h.sha256()));
    }

    /** Keys below a prefix, sorted; temporary files and sidecars (hidden names) are never keys. */
    @Override
    public List<String> list(String prefix) throws IOException {
        Path start = prefix.isEmpty() ? root : root.resolve(prefix).normalize();
        if (!start.startsWith(root) || !Files.exists(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                    keys.add(root.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(keys);
        return keys;
    }

    /**
     * Removes what interrupted writes left behind: this instance's temporary files, anyone's older than a day, and
     * sidecars whose object is gone. Call it at start-up, before this instance writes: another live process's
     * recent temporary files (another instance id) are left alone.
     *
     * @return how many files were removed
     */
    public int cleanTemporaries() throws IOException {
        Instant abandoned = Instant.now().minus(ABANDONED_AFTER);
        List<Path> leftovers = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (name.startsWith(TMP_PREFIX)) {
                    if (owner.equals(ownerOf(name)) || attrs.lastModifiedTime().toInstant().isBefore(abandoned)) {
                        leftovers.add(file);
                    }
                } else if (name.startsWith(".") && name.endsWith(SIDECAR_SUFFIX) && name.length() > 1 + SIDECAR_SUFFIX.length()
                        && !Files.exists(file.resolveSibling(name.substring(1, name.length() - SIDECAR_SUFFIX.length())))) {
                    leftovers.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path p : leftovers) {
            Files.deleteIfExists(p);
        }
        if (!leftovers.isEmpty()) {
            LOG.info("removed {} temporary files left in {} by interrupted writes", leftovers.size(), describe());
        }
        return leftovers.size();
    }

    /** The owner tag of a temporary file name, or "" for names of another format. */
    private static String ownerOf(String tmpName) {
        String rest = tmpName.substring(TMP_PREFIX.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? "" : rest.substring(0, dot);
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    /** Writers may close the stream they are given; the store still has to force and close the file itself. */
    private static final class KeepOpen extends OutputStream {
        private final OutputStream out;

        KeepOpen(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
