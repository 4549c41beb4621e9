package dev.relpromo.balrog.mar;

/**
 * Constants of the MAR layout (mozilla-central {@code modules/libmar/src/mar.h}, {@code mar_cmdline.h}). All integers
 * are big-endian and unsigned:
 * <pre>
 * "MAR1" | u32 offset of the index | u64 file size | u32 signature count | signatures (u32 algorithm, u32 size, bytes)
 *        | u32 additional section count | sections (u32 block size incl. these 8 bytes, u32 block id, bytes)
 *        | entry contents
 * index: u32 size of what follows | per entry: u32 offset, u32 size, u32 flags, name, NUL
 * </pre>
 */
final class MarFormat {
    static final byte[] MAGIC = {'M', 'A', 'R', '1'};
    /** magic + index offset + file size + signature count. */
    static final int HEADER_SIZE = 4 + 4 + 8 + 4;
    static final int PRODUCT_INFORMATION_BLOCK_ID = 1;
    /** libmar: a MAR channel name under 64 bytes, a product version under 32, at most 96 bytes of block body. */
    static final int MAX_CHANNEL_NAME_LENGTH = 63;
    static final int MAX_PRODUCT_VERSION_LENGTH = 31;
    static final int MAX_PRODUCT_INFORMATION_BODY = 96;
    /** libmar's bounds: more is rejected as a corrupt archive rather than allocated. */
    static final int MAX_SIGNATURES = 8;
    static final int MAX_SIGNATURE_LENGTH = 2048;
    static final int MAX_ADDITIONAL_SECTIONS = 8;
    static final int MAX_ADDITIONAL_SECTION_SIZE = 64 * 1024;
    static final int MAX_NAME_LENGTH = 4096;
    /** The index is read whole; a real one is a few hundred KiB, so a bigger claim is corruption, not a MAR. */
    static final int MAX_INDEX_SIZE = 16 * 1024 * 1024;
    static final long MAX_U32 = 0xFFFF_FFFFL;

    private MarFormat() {
    }
}
