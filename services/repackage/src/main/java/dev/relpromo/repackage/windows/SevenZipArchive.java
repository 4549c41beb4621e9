package dev.relpromo.repackage.windows;

import dev.relpromo.kit.failure.TaskFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;

/**
 * Writes a 7z archive with commons-compress: each file compressed on its own with the x86 BCJ filter and LZMA2
 * (BCJ turns relative call targets in x86 code into absolute ones, which repeat and so compress better; upstream
 * uses BCJ2, which commons-compress cannot write). Deterministic: entries in the order given, no time stamps,
 * fixed Windows attributes, so identical items give identical bytes.
 *
 * <p>Streaming: one entry is read at a time through a 64 KiB buffer, and the encoder of an entry is released when
 * the entry ends; see {@link SevenZipSettings} for its size. commons-compress writes no solid blocks, so the
 * archive is somewhat larger than upstream's solid one.
 */
final class SevenZipArchive {
    /** FILE_ATTRIBUTE_DIRECTORY. */
    static final int DIRECTORY_ATTRIBUTES = 0x10;
    /** FILE_ATTRIBUTE_ARCHIVE, what Windows gives a newly written file. */
    static final int FILE_ATTRIBUTES = 0x20;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final SevenZipSettings settings;

    SevenZipArchive(SevenZipSettings settings) {
        this.settings = settings;
    }

    /** What was written. */
    record Summary(int files, int directories, long uncompressedBytes, long archiveBytes) {
    }

    /**
     * Writes {@code items} as a 7z starting at the current position of {@code out}, which the 7z then treats
     * as its start (the bytes before it are the SFX stub and tag). Leaves {@code out} open.
     */
    Summary write(SeekableByteChannel out, List<ArchiveItem> items) throws IOException {
        OffsetChannel archive = new OffsetChannel(out, out.position());
        int files = 0;
        int directories = 0;
        long uncompressed = 0;
        byte[] buffer = new byte[BUFFER_SIZE];
        // not try-with-resources: closing finishes the archive, which is wasted work after a failure (the caller
        // discards the file); the encoders hold only heap, and closing only closes the view
        SevenZOutputFile sevenZ = new SevenZOutputFile(archive);
        for (ArchiveItem item : items) {
            SevenZArchiveEntry entry = new SevenZArchiveEntry();
            entry.setName(item.name());
            entry.setDirectory(item.isDirectory());
            entry.setHasWindowsAttributes(true);
            entry.setWindowsAttributes(item.isDirectory() ? DIRECTORY_ATTRIBUTES : FILE_ATTRIBUTES);
            if (item.isDirectory()) {
                sevenZ.putArchiveEntry(entry);
                sevenZ.closeArchiveEntry();
                directories++;
                continue;
            }
            entry.setContentMethods(methods(settings.dictionaryFor(item.size())));
            sevenZ.putArchiveEntry(entry);
            uncompressed += copy(item, sevenZ, buffer);
            sevenZ.closeArchiveEntry();
            files++;
        }
        sevenZ.finish();
        sevenZ.close();
        return new Summary(files, directories, uncompressed, archive.size());
    }

    static List<SevenZMethodConfiguration> methods(int dictionarySize) {
        return List.of(new SevenZMethodConfiguration(SevenZMethod.BCJ_X86_FILTER),
                new SevenZMethodConfiguration(SevenZMethod.LZMA2, SevenZipSettings.options(dictionarySize)));
    }

    /**
     * Copies an item's content, holding it to its declared size and CRC: a zip entry that inflates to more than
     * it declares (a zip bomb) stops at the first excess byte, and a corrupt one fails instead of being packed.
     */
    private static long copy(ArchiveItem item, SevenZOutputFile sevenZ, byte[] buffer) throws IOException {
        CRC32 crc = new CRC32();
        long copied = 0;
        try (InputStream in = item.content().open()) {
            while (true) {
                int n = read(in, buffer, item);
                if (n < 0) {
                    break;
                }
                copied += n;
                if (copied > item.size()) {
                    throw new TaskFailureException(item.origin() + " holds more than the " + item.size()
                            + " bytes it declares");
                }
                crc.update(buffer, 0, n);
                sevenZ.write(buffer, 0, n);
            }
        }
        if (copied != item.size()) {
            throw new TaskFailureException(item.origin() + " holds " + copied + " bytes but declares " + item.size());
        }
        if (item.crc() != ArchiveItem.NO_CRC && crc.getValue() != item.crc()) {
            throw new TaskFailureException(item.origin() + " fails its CRC-32 check: it is corrupt");
        }
        return copied;
    }

    /** Reads the source, calling its failures bad input: a zip entry that cannot be read is nearly always corrupt. */
    private static int read(InputStream in, byte[] buffer, ArchiveItem item) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new TaskFailureException(item.origin() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
