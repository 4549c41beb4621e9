package dev.relpromo.repackage.mac.hfs;

/**
 * Where a fork's data lies: TN1150 "HFSPlusForkData" with a single extent, because the writer allocates every
 * fork contiguously and so never needs the extents overflow file.
 *
 * @param logicalSize bytes of data
 * @param startBlock first allocation block (0 when the fork is empty)
 * @param blockCount allocation blocks used
 */
public record ForkExtent(long logicalSize, long startBlock, long blockCount) {
    /** An empty fork. */
    public static final ForkExtent EMPTY = new ForkExtent(0, 0, 0);
}
