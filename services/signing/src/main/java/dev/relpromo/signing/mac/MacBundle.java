package dev.relpromo.signing.mac;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One repack of a mac signing chunk: its repack id (for messages and results, e.g. {@code softonic/softonic-004/de})
 * and its {@code target.tar.gz}, whose root holds one {@code <App>.app} directory.
 */
public record MacBundle(String repackId, Path archive) {
    public MacBundle {
        Objects.requireNonNull(repackId, "repackId");
        Objects.requireNonNull(archive, "archive");
        if (repackId.isBlank()) {
            throw new IllegalArgumentException("a mac bundle needs a repack id");
        }
    }
}
