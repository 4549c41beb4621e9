package dev.relpromo.repack;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The .xz container (xz file format 1.2.1, tukaani.org/xz/xz-file-format.txt) around raw LZMA2 data: stream
 * header, block headers, index and stream footer. XZ for Java only encodes whole streams (its block encoder is
 * package-private), so blocks compressed in parallel are framed here, with a CRC64 check like {@code xz}'s default.
 */
final class XzFormat {
    static final byte CHECK_CRC64 = 0x04;
    static final int CHECK_SIZE = 8;
    private static final byte[] HEADER_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] FOOTER_MAGIC = {'Y', 'Z'};
    private static final byte[] STREAM_FLAGS = {0, CHECK_CRC64};
    private static final int FILTER_LZMA2 = 0x21;

    private XzFormat() {
    }

    /** One index record: the block's size without its padding, and its uncompressed size. */
    record IndexRecord(long unpaddedSize, long uncompressedSize) {
    }

    static byte[] streamHeader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(12);
        out.writeBytes(HEADER_MAGIC);
        out.writeBytes(STREAM_FLAGS);
        writeCrc32(out, STREAM_FLAGS);
        return out.toByteArray();
    }

    /**
     * A block header with both sizes present (as {@code xz -T} writes them, which lets {@code xz} decompress the
     * blocks in parallel) and one LZMA2 filter.
     */
    static byte[] blockHeader(long compressedSize, long uncompressedSize, byte lzma2DictProps) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream(32);
        fields.write(0); // header size, set below
        fields.write(0x40 | 0x80); // 1 filter, compressed and uncompressed size present
        writeVarint(fields, compressedSize);
        writeVarint(fields, uncompressedSize);
        writeVarint(fields, FILTER_LZMA2);
        writeVarint(fields, 1); // size of the filter properties
        fields.write(lzma2DictProps);
        while ((fields.size() + 4) % 4 != 0) {
            fields.write(0); // header padding
        }
        byte[] header = fields.toByteArray();
        header[0] = (byte) ((header.length + 4) / 4 - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + 4);
        out.writeBytes(header);
        writeCrc32(out, header);
        return out.toByteArray();
    }

    /** Zero bytes after the compressed data so the block (header + data + padding) is a multiple of four. */
    static int blockPadding(long headerAndDataSize) {
        return (int) ((4 - headerAndDataSize % 4) % 4);
    }

    static byte[] index(List<IndexRecord> records) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream(16 + records.size() * 8);
        fields.write(0); // index indicator
        writeVarint(fields, records.size());
        for (IndexRecord r : records) {
            writeVarint(fields, r.unpaddedSize());
            writeVarint(fields, r.uncompressedSize());
        }
        while (fields.size() % 4 != 0) {
            fields.write(0);
        }
        byte[] body = fields.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 4);
        out.writeBytes(body);
        writeCrc32(out, body);
        return out.toByteArray();
    }

    static byte[] streamFooter(int indexSize) {
        byte[] backwardSizeAndFlags = new byte[6];
        putLe32(backwardSizeAndFlags, 0, indexSize / 4 - 1);
        backwardSizeAndFlags[4] = STREAM_FLAGS[0];
        backwardSizeAndFlags[5] = STREAM_FLAGS[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream(12);
        writeCrc32(out, backwardSizeAndFlags);
        out.writeBytes(backwardSizeAndFlags);
        out.writeBytes(FOOTER_MAGIC);
        return out.toByteArray();
    }

    /**
     * The LZMA2 dictionary-size property: the smallest {@code p} whose size {@code (2 | (p & 1)) << (p / 2 + 11)}
     * holds the dictionary (p = 28 is 64 MiB, as in {@code xz -9}).
     */
    static byte lzma2DictProps(int dictSize) {
        for (int p = 0; p < 40; p++) {
            long size = (2L | (p & 1)) << (p / 2 + 11);
            if (size >= dictSize) {
                return (byte) p;
            }
        }
        return 40;
    }

    static void writeVarint(ByteArrayOutputStream out, long value) {
        while (value >= 0x80) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void writeCrc32(ByteArrayOutputStream out, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] le = new byte[4];
        putLe32(le, 0, (int) crc.getValue());
        out.writeBytes(le);
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
