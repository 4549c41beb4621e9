package dev.relpromo.kit.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where artifacts live: {@code releng/partner/...} intermediates and the public {@code pub/<product>/...} tree.
 * Writes are atomic and durable: readers see either nothing or the whole object, never a partial file, and an
 * object is on disk before {@link #write} returns (so before any event that announces it). Objects are written
 * once: writing identical bytes to an existing key returns the existing object, which makes reruns of deterministic
 * tasks idempotent; different bytes fail with a {@link StoreConflictException}.
 */
public interface ArtifactStore {

    /**
     * Streams content into the store under {@code key}; the object becomes visible only once complete.
     *
     * @throws StoreConflictException if {@code key} already holds different bytes
     */
    StoredObject write(String key, ContentWriter writer) throws IOException;

    /** Copies a local file into the store. */
    default StoredObject put(String key, Path source) throws IOException {
        return write(key, out -> java.nio.file.Files.copy(source, out));
    }

    default StoredObject put(String key, byte[] content) throws IOException {
        return write(key, out -> out.write(content));
    }

    InputStream open(String key) throws IOException;

    /**
     * Copies an object to another key in the same store, with the same write-once rules as {@link #write}: a
     * destination holding identical bytes is returned as is, different bytes fail with a
     * {@link StoreConflictException}. Stores that can copy without moving the bytes through this process (S3's
     * server-side copy) override it.
     *
     * @throws java.nio.file.NoSuchFileException if {@code sourceKey} does not exist
     */
    default StoredObject copy(String sourceKey, String destinationKey) throws IOException {
        StoredObject source = stat(sourceKey).orElseThrow(() -> new java.nio.file.NoSuchFileException(sourceKey));
        Optional<StoredObject> existing = stat(destinationKey);
        if (existing.isPresent()) {
            if (existing.get().sha512().equals(source.sha512())) {
                return existing.get();
            }
            throw new StoreConflictException(destinationKey, existing.get().sha512(), source.sha512(), describe());
        }
        return write(destinationKey, out -> {
            try (InputStream in = open(sourceKey)) {
                in.transferTo(out);
            }
        });
    }

    Optional<StoredObject> stat(String key) throws IOException;

    default boolean exists(String key) throws IOException {
        return stat(key).isPresent();
    }

    /** Keys below a prefix, sorted. */
    List<String> list(String prefix) throws IOException;

    /** A description for logs and summaries ({@code file:///...}, {@code s3://bucket/...}). */
    String describe();

    @FunctionalInterface
    interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }
}
