package dev.relpromo.repackage.mac.udif;

/**
 * One entry of a BLKX table (UDIF "BLKXChunkEntry", 40 bytes): how a run of sectors is stored in the data fork.
 *
 * @param type {@link #ZERO_FILL}, {@link #RAW}, {@link #ZLIB} or {@link #TERMINATOR}
 * @param sectorStart first sector, relative to the partition
 * @param sectorCount sectors in the run
 * @param compressedOffset where the stored bytes start in the data fork
 * @param compressedLength stored bytes (0 for zero fill and the terminator)
 */
public record BlockRun(int type, long sectorStart, long sectorCount, long compressedOffset, long compressedLength) {
    /** Sectors that read as zeros and take no space. */
    public static final int ZERO_FILL = 0x00000000;
    /** Sectors stored as they are (when zlib would not make them smaller). */
    public static final int RAW = 0x00000001;
    /** Sectors stored as one zlib stream (UDZO). */
    public static final int ZLIB = 0x80000005;
    /** Ends the table. */
    public static final int TERMINATOR = 0xFFFFFFFF;

    static final int SIZE = 40;
}
