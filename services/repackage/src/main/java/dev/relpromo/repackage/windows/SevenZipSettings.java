package dev.relpromo.repackage.windows;

import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.UnsupportedOptionsException;

/**
 * How the installer's 7z is compressed, and how much input it accepts.
 *
 * <p>Memory: the LZMA2 encoder needs about 11 × its dictionary (BT4 match finder, normal mode), allocated when an
 * entry starts and released when it ends; nothing else grows with the input. Each entry gets a dictionary no
 * larger than itself ({@link #dictionaryFor}), so the small files of a build do not pay for the large one. The
 * {@link #DEFAULT} 16 MiB dictionary needs about 190 MiB, well under a 512 MiB heap for a 1 GiB build; upstream
 * uses 32 MiB ({@code -m1=LZMA:d25}, about 370 MiB here), which buys a few percent on {@code xul.dll} only.
 * Measured: a 73 MiB build (one 64 MiB entry, 50 small ones) builds with {@code -Xmx256m}.
 *
 * @param dictionarySize       the largest LZMA2 dictionary, in bytes (4 KiB to 256 MiB)
 * @param maxUncompressedBytes refuse a package whose entries declare more than this in total (a zip bomb's
 *                             output would otherwise fill the disk); the declared sizes are enforced while copying
 */
public record SevenZipSettings(int dictionarySize, long maxUncompressedBytes) {
    /** 16 MiB: about 190 MiB of encoder memory. */
    public static final int DEFAULT_DICTIONARY_SIZE = 16 << 20;
    /** 16 GiB: a Firefox build is about 0.3 GiB uncompressed. */
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 16L << 30;
    public static final SevenZipSettings DEFAULT =
            new SevenZipSettings(DEFAULT_DICTIONARY_SIZE, DEFAULT_MAX_UNCOMPRESSED_BYTES);

    public SevenZipSettings {
        if (dictionarySize < LZMA2Options.DICT_SIZE_MIN || dictionarySize > 256 << 20) {
            throw new IllegalArgumentException("dictionarySize must be between 4 KiB and 256 MiB, not " + dictionarySize);
        }
        if (maxUncompressedBytes <= 0) {
            throw new IllegalArgumentException("maxUncompressedBytes must be positive, not " + maxUncompressedBytes);
        }
    }

    /** The same with another dictionary size. */
    public SevenZipSettings withDictionarySize(int bytes) {
        return new SevenZipSettings(bytes, maxUncompressedBytes);
    }

    /**
     * The dictionary for an entry of {@code size} bytes: the next power of two at or above it, between 4 KiB and
     * {@link #dictionarySize}. A larger one would only cost memory, since every entry is compressed on its own.
     */
    int dictionaryFor(long size) {
        long fitting = Long.highestOneBit(Math.max(size - 1, 1)) << 1;
        return (int) Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(fitting, dictionarySize));
    }

    /** The encoder memory an entry of the full dictionary needs, in bytes (xz's own estimate). */
    public long encoderMemoryBytes() {
        return options(dictionarySize).getEncoderMemoryUsage() * 1024L;
    }

    static LZMA2Options options(int dictionarySize) {
        LZMA2Options options = new LZMA2Options(); // preset 6: normal mode, BT4, nice length 64
        try {
            options.setDictSize(dictionarySize);
        } catch (UnsupportedOptionsException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // the constructor checked the range
        }
        return options;
    }
}
