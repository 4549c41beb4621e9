package dev.relpromo.repackage.mac.udif;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A partition's BLKX table (UDIF "mish" block, 204-byte header then the runs), stored base64 in the resource map.
 *
 * @param sectorNumber the partition's first sector in the disk image
 * @param sectorCount sectors in the partition
 * @param bufferSectors sectors a reader must buffer to decompress the largest run
 * @param descriptor the partition number
 * @param crc32 CRC-32 of the partition's uncompressed bytes
 * @param runs the runs, ending with a terminator
 */
record BlkxTable(long sectorNumber, long sectorCount, int bufferSectors, int descriptor, int crc32,
        List<BlockRun> runs) {
    static final int SIGNATURE = 0x6D697368; // 'mish'
    static final int HEADER_SIZE = 204;

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + BlockRun.SIZE * runs.size());
        b.putInt(SIGNATURE).putInt(1) // version
                .putLong(sectorNumber).putLong(sectorCount)
                .putLong(0) // dataOffset: run offsets are absolute in the data fork
                .putInt(bufferSectors).putInt(descriptor);
        b.position(b.position() + 24); // reserved
        Checksums.putCrc32(b, crc32);
        b.putInt(runs.size());
        for (BlockRun r : runs) {
            b.putInt(r.type()).putInt(0) // comment
                    .putLong(r.sectorStart()).putLong(r.sectorCount())
                    .putLong(r.compressedOffset()).putLong(r.compressedLength());
        }
        return b.array();
    }
}
