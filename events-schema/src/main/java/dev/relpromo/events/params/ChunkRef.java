package dev.relpromo.events.params;

import java.util.List;
import java.util.Objects;

/**
 * A chunk of up to five repacks of one platform that mac signing and notarization handle together.
 *
 * @param repackIds the sorted repack ids of the chunk
 */
public record ChunkRef(String path, int partnerBuildNumber, List<String> repackIds) {
    public ChunkRef {
        Objects.requireNonNull(path, "path");
        repackIds = List.copyOf(repackIds);
    }
}
