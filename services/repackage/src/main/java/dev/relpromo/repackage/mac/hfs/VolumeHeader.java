package dev.relpromo.repackage.mac.hfs;

import java.nio.ByteBuffer;

/** TN1150 "Volume Header" (HFSPlusVolumeHeader, 512 bytes), written at offset 1024 and 1024 bytes before the end. */
record VolumeHeader(int date, long fileCount, long folderCount, long totalBlocks, long nextCatalogId, long volumeId,
        ForkExtent allocationFile, ForkExtent extentsFile, ForkExtent catalogFile) {
    static final int SIZE = 512;
    static final short SIGNATURE = 0x482B; // 'H+'
    static final short VERSION = 4;
    /** TN1150 attributes bit 8, kHFSVolumeUnmountedBit: cleanly unmounted, so no consistency check is due. */
    static final int UNMOUNTED = 1 << 8;
    /** '10.0': last written by a non-journaling implementation. */
    static final int LAST_MOUNTED_VERSION = 0x31302E30;

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putShort(SIGNATURE).putShort(VERSION).putInt(UNMOUNTED).putInt(LAST_MOUNTED_VERSION)
                .putInt(0) // journalInfoBlock: no journal
                .putInt(date).putInt(date).putInt(0).putInt(date) // createDate, modifyDate, backupDate, checkedDate
                .putInt((int) fileCount).putInt((int) folderCount)
                .putInt(HfsVolumeWriter.BLOCK_SIZE).putInt((int) totalBlocks)
                .putInt(0) // freeBlocks: the image is sized to its content
                .putInt(0) // nextAllocation
                .putInt(HfsVolumeWriter.BLOCK_SIZE * 16).putInt(HfsVolumeWriter.BLOCK_SIZE * 16) // clump sizes
                .putInt((int) nextCatalogId)
                .putInt(1) // writeCount
                .putLong(1); // encodingsBitmap: MacRoman
        // finderInfo[8]: no blessed folder; [6] and [7] hold the 64-bit volume identifier
        b.putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).putLong(volumeId);
        for (ForkExtent f : new ForkExtent[] {allocationFile, extentsFile, catalogFile, ForkExtent.EMPTY,
                ForkExtent.EMPTY}) {
            CatalogFile.fork(b, f); // allocation, extents, catalog, attributes (none), startup (none)
        }
        return b.array();
    }
}
