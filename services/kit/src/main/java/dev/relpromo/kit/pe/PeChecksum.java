package dev.relpromo.kit.pe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * The PE image checksum ({@code CheckSum} of the optional header, as {@code MapFileAndCheckSum} computes it): the
 * 16-bit one's-complement sum of the file's little-endian words, skipping the checksum field itself, plus the file
 * length. Computed by streaming the file through a small buffer, so a 100 MB installer is never held in memory.
 */
public final class PeChecksum {
    private static final int BUFFER_SIZE = 1 << 20; // even, so words never straddle two reads

    private PeChecksum() {
    }

    /** The file offset of the checksum field: 64 bytes into the optional header, for PE32 and PE32+ alike. */
    public static long fieldOffset(FileChannel channel) throws IOException {
        ByteBuffer lfanew = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(lfanew, 0x3C);
        return Integer.toUnsignedLong(lfanew.getInt(0)) + 24 + 64;
    }

    /** The checksum currently stored in the header. */
    public static long stored(FileChannel channel) throws IOException {
        ByteBuffer field = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(field, fieldOffset(channel));
        return Integer.toUnsignedLong(field.getInt(0));
    }

    /** The checksum of the file's current content. */
    public static long compute(FileChannel channel) throws IOException {
        long skip = fieldOffset(channel);
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        long sum = 0;
        for (long position = 0; position < size; ) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            buffer.flip();
            for (int i = 0; i < n; i += 2) {
                long offset = position + i;
                if (offset >= skip && offset < skip + 4) {
                    continue;
                }
                int word = i + 1 < n ? Short.toUnsignedInt(buffer.getShort(i)) : Byte.toUnsignedInt(buffer.get(i));
                sum += word;
                sum = (sum & 0xFFFF) + (sum >>> 16);
            }
            position += n;
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return (sum + size) & 0xFFFFFFFFL;
    }

    /** Recomputes and stores the checksum, unless the header has none (0 means "not set" and stays so). */
    public static void update(FileChannel channel) throws IOException {
        if (stored(channel) == 0) {
            return;
        }
        ByteBuffer field = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        field.putInt(0, (int) compute(channel));
        channel.write(field, fieldOffset(channel));
    }
}
