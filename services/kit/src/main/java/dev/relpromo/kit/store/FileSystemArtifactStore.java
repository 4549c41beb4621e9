package dev.relpromo.kit.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded default store: a local directory. Objects are written to a hidden temporary file in the target
 * directory and moved into place atomically, so a crash leaves at most a {@code .tmp-*} file that readers never
 * see (listing skips them) and that the next write of the key does not depend on.
 *
 * <p>Digests are kept next to each object in a hidden {@code .<name>.sha512} sidecar, written before the object is
 * moved into place, so {@link #stat} does not re-read large files.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
    private static final String TMP_PREFIX = ".tmp-";
    private static final String SIDECAR_SUFFIX = ".digests";
    private final Path root;

    public FileSystemArtifactStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
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
        Path dir = Files.createDirectories(target.getParent());
        Path tmp = dir.resolve(TMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
        Digests.Hashed hashed;
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                 Digests.HashingOutputStream out = new Digests.HashingOutputStream(new java.io.BufferedOutputStream(file, 1 << 16))) {
                writer.writeTo(out);
                out.flush();
                hashed = out.result();
            }
            Path sidecarTmp = dir.resolve(TMP_PREFIX + UUID.randomUUID() + SIDECAR_SUFFIX);
            Files.writeString(sidecarTmp, hashed.size() + " " + hashed.sha512() + " " + hashed.sha256() + "\n");
            move(sidecarTmp, sidecar(target));
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new StoredObject(key, hashed.size(), hashed.sha512(), hashed.sha256());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path sidecar(Path target) {
        return target.resolveSibling("." + target.getFileName() + SIDECAR_SUFFIX);
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
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        Path side = sidecar(p);
        if (Files.isRegularFile(side)) {
            String[] parts = Files.readString(side).trim().split(" ");
            if (parts.length == 3 && Long.parseLong(parts[0]) == Files.size(p)) {
                return Optional.of(new StoredObject(key, Long.parseLong(parts[0]), parts[1], parts[2]));
            }
        }
        Digests.Hashed h = Digests.hashFile(p);
        return Optional.of(new StoredObject(key, h.size(), h.sha512(), h.sha256()));
    }

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
                if (!file.getFileName().toString().startsWith(".")) {
                    keys.add(root.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(keys);
        return keys;
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }
}
