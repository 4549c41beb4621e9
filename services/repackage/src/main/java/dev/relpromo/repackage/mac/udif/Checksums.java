package dev.relpromo.repackage.mac.udif;

import java.nio.ByteBuffer;

/** UDIF "UDIFChecksum" (136 bytes): a type, a size in bits, and 128 bytes of checksum data. */
final class Checksums {
    static final int SIZE = 136;
    /** kUDIFChecksumTypeCRC32, the checksum dmg2img and 7-Zip verify. */
    static final int TYPE_CRC32 = 2;

    private Checksums() {
    }

    static void putCrc32(ByteBuffer b, int crc) {
        int start = b.position();
        b.putInt(TYPE_CRC32).putInt(32).putInt(crc);
        b.position(start + SIZE);
    }
}
