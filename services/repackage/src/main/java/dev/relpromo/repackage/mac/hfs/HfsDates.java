package dev.relpromo.repackage.mac.hfs;

/** HFS+ dates (TN1150 "HFS Plus Dates"): unsigned 32-bit seconds since 1904-01-01 00:00 GMT. */
final class HfsDates {
    /** Seconds from 1904-01-01 to 1970-01-01. */
    static final long UNIX_EPOCH = 2_082_844_800L;

    private HfsDates() {
    }

    /** Unix seconds to an HFS+ date, clamped to what 32 bits hold (1904–2040). */
    static int fromUnix(long unixSeconds) {
        long v = unixSeconds + UNIX_EPOCH;
        return (int) Math.max(0, Math.min(0xFFFF_FFFFL, v));
    }
}
