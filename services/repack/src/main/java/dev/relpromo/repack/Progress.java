package dev.relpromo.repack;

/** Progress of one repack, for long runs. Called on the repacking thread; implementations must be cheap. */
public interface Progress {
    Progress NONE = new Progress() {
    };

    /** {@code bytes} more of the uncompressed input archive were read. */
    default void read(long bytes) {
    }

    /** {@code bytes} more of the compressed output were written. */
    default void written(long bytes) {
    }
}
