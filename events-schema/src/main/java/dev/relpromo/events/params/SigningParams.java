package dev.relpromo.events.params;

import dev.relpromo.events.Service;

/**
 * A signing task: of one repack (repackage-signing), of a chunk of mac repacks (mac signing and notarization), or
 * of the whole release (release-generate-checksums-signing, neither set); at most one of {@code repack} and
 * {@code chunk} is set.
 */
public record SigningParams(ReleaseRef release, RepackRef repack, ChunkRef chunk) implements TaskParams {
    public SigningParams {
        if (repack != null && chunk != null) {
            throw new IllegalArgumentException("signing params name either one repack or one chunk, not both");
        }
    }

    @Override
    public Service service() {
        return Service.SIGNING;
    }
}
