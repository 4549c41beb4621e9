package dev.relpromo.repack;

import java.util.Locale;
import java.util.Map;

/**
 * Ceilings on what one archive may expand to, so that a decompression bomb fails the task instead of filling the
 * disk or running for hours. Enforced while streaming, on the input build and on the sub-config snapshot.
 *
 * <p>Defaults: a Firefox build is at most ~0.5 GiB uncompressed (mac) with a few thousand entries; 8 GiB and
 * 200 000 entries leave a 16× and ~50× margin and still bound a bomb to minutes of work and the names the link
 * check keeps in memory (the entry count, at most {@value EntryPaths#PATH_MAX} bytes per name).
 *
 * @param maxBytes   the most uncompressed bytes (the tar stream, or the zip entries' contents) one archive may hold
 * @param maxEntries the most entries one archive may hold
 */
public record ArchiveLimits(long maxBytes, long maxEntries) {
    public static final String MAX_BYTES_ENV = "RELPROMO_ARCHIVE_MAX_BYTES";
    public static final String MAX_ENTRIES_ENV = "RELPROMO_ARCHIVE_MAX_ENTRIES";
    public static final long DEFAULT_MAX_BYTES = 8L << 30;
    public static final long DEFAULT_MAX_ENTRIES = 200_000;
    /** The headers before one tar entry (pax records, GNU long names): a name is at most 4 KiB, xattrs a few. */
    static final long MAX_HEADER_BYTES = 1 << 20;

    public ArchiveLimits {
        if (maxBytes < 1 || maxEntries < 1) {
            throw new IllegalArgumentException("archive limits must be positive (got " + maxBytes + " bytes, "
                    + maxEntries + " entries)");
        }
    }

    public static ArchiveLimits defaults() {
        return new ArchiveLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES);
    }

    /** The defaults, overridden by {@value #MAX_BYTES_ENV} and {@value #MAX_ENTRIES_ENV} when set. */
    public static ArchiveLimits fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static ArchiveLimits fromEnvironment(Map<String, String> env) {
        return new ArchiveLimits(parse(env, MAX_BYTES_ENV, DEFAULT_MAX_BYTES, true),
                parse(env, MAX_ENTRIES_ENV, DEFAULT_MAX_ENTRIES, false));
    }

    /** Digits, for bytes optionally followed by K, M, G or T (powers of 1024): {@code 8G}, {@code 8589934592}. */
    private static long parse(Map<String, String> env, String variable, long fallback, boolean bytes) {
        String raw = env.get(variable);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        String value = raw.strip().toUpperCase(Locale.ROOT);
        int shift = 0;
        int unit = bytes && !value.isEmpty() ? "KMGT".indexOf(value.charAt(value.length() - 1)) : -1;
        if (unit >= 0) {
            shift = 10 * (unit + 1);
            value = value.substring(0, value.length() - 1);
        }
        try {
            long n = Long.parseLong(value);
            if (n >= 1 && n <= (Long.MAX_VALUE >> shift)) {
                return n << shift;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + "='" + raw + "' is not a positive "
                + (bytes ? "byte count (e.g. 8589934592 or 8G)" : "number of entries (e.g. 200000)"));
    }

    /** Counts one archive's entries and bytes against the limits. */
    Budget budget(String archive) {
        return new Budget(archive);
    }

    /** The running totals of one archive; not thread-safe (one repack streams one archive on one thread). */
    final class Budget {
        private final String archive;
        private long bytes;
        private long entries;
        /** Bytes read since {@link #headersStart}, or -1 outside headers. */
        private long headerBytes = -1;
        private String previous;

        private Budget(String archive) {
            this.archive = archive;
        }

        void entry(String name) {
            if (++entries > maxEntries) {
                throw new UnsafeArchiveException("archive " + archive + " has more than " + maxEntries
                        + " entries (the limit was reached at entry '" + name + "'); this protects against"
                        + " decompression bombs: if the archive is genuine, raise " + MAX_ENTRIES_ENV);
            }
        }

        /** The tar reader starts on the headers after entry {@code previous} (null: the first entry's). */
        void headersStart(String previous) {
            this.previous = previous;
            headerBytes = 0;
        }

        void headersEnd() {
            headerBytes = -1;
        }

        void bytes(long n) {
            if (headerBytes >= 0 && (headerBytes += n) > MAX_HEADER_BYTES) {
                throw new UnsafeArchiveException("archive " + archive + " has more than " + MAX_HEADER_BYTES
                        + " bytes of headers (pax or GNU long-name records) "
                        + (previous == null ? "before its first entry" : "after entry '" + previous + "'"));
            }
            bytes += n;
            if (bytes > maxBytes) {
                throw new UnsafeArchiveException("archive " + archive + " expands to more than " + maxBytes
                        + " bytes uncompressed; this protects against decompression bombs: if the archive is"
                        + " genuine, raise " + MAX_BYTES_ENV);
            }
        }
    }
}
