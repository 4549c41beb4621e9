package dev.relpromo.repackage.mac.udif;

import java.nio.ByteBuffer;

/**
 * The 512-byte UDIF trailer ("koly" block, UDIFResourceFile) that ends the image and locates the data fork and
 * the XML resource map.
 *
 * @param dataForkLength bytes of compressed data from offset 0
 * @param xmlOffset where the plist starts (right after the data fork)
 * @param xmlLength plist bytes (the trailer follows them directly, which 7-Zip expects)
 * @param segmentId 16 bytes identifying the image; derived from the content, never random
 * @param dataForkCrc32 CRC-32 of the data fork bytes
 * @param masterCrc32 CRC-32 over the BLKX tables' checksums, in table order
 * @param sectorCount 512-byte sectors of the whole disk image
 */
record KolyTrailer(long dataForkLength, long xmlOffset, long xmlLength, byte[] segmentId, int dataForkCrc32,
        int masterCrc32, long sectorCount) {
    static final int SIZE = 512;
    static final int SIGNATURE = 0x6B6F6C79; // 'koly'
    static final int VERSION = 4;
    /** kUDIFFlagsFlattened: data fork and resources in one file. */
    static final int FLATTENED = 1;
    /** kUDIFDeviceImageType. */
    static final int DEVICE_IMAGE = 1;

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putInt(SIGNATURE).putInt(VERSION).putInt(SIZE).putInt(FLATTENED)
                .putLong(0) // runningDataForkOffset
                .putLong(0).putLong(dataForkLength) // data fork offset and length
                .putLong(0).putLong(0) // no resource fork: the resources are in the XML plist
                .putInt(1).putInt(1) // segment 1 of 1
                .put(segmentId, 0, 16);
        Checksums.putCrc32(b, dataForkCrc32);
        b.putLong(xmlOffset).putLong(xmlLength);
        b.position(b.position() + 120); // reserved (7-Zip reads a code signature blob here; there is none)
        Checksums.putCrc32(b, masterCrc32);
        b.putInt(DEVICE_IMAGE).putLong(sectorCount);
        return b.array();
    }
}
