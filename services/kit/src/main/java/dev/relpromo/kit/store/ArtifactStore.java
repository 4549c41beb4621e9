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
