package dev.relpromo.repackage.mac;

/**
 * Sizes beyond which an input is refused as absurd rather than repackaged.
 *
 * @param maxFileBytes largest single file (a Firefox build's largest, XUL, is about 200 MB)
 * @param maxTotalBytes sum of all file sizes
 * @param maxEntries archive entries
 */
public record DiskImageLimits(long maxFileBytes, long maxTotalBytes, int maxEntries) {
    /** Generous for any Firefox build: 4 GiB per file, 16 GiB in all, 200 000 entries. */
    public static final DiskImageLimits DEFAULT = new DiskImageLimits(4L << 30, 16L << 30, 200_000);

    public DiskImageLimits {
        if (maxFileBytes < 0 || maxTotalBytes < 0 || maxEntries < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
