package dev.relpromo.repack;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file the repack adds below the customisation root.
 *
 * @param path relative to the customisation root, e.g. {@code distribution/distribution.ini}
 */
record InsertedFile(String path, long size, Content content) {

    /** Opened when the file is written, so large extensions are streamed from the snapshot, not held in memory. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }

    static InsertedFile of(String path, byte[] bytes) {
        return new InsertedFile(path, bytes.length, () -> new java.io.ByteArrayInputStream(bytes));
    }
}
