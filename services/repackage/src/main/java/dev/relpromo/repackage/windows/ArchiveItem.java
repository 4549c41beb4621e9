package dev.relpromo.repackage.windows;

import java.io.IOException;
import java.io.InputStream;

/**
 * One entry of the 7z to write: a directory, or a file whose content is opened when its turn comes (so that only
 * one entry is ever being read).
 *
 * @param name      the name in the 7z, {@code /}-separated, without trailing slash
 * @param size      the size the source declares; the copy enforces it
 * @param crc       the CRC-32 the source declares, or {@link #NO_CRC}; the copy checks it
 * @param origin    where the content comes from, for messages ({@code 'firefox/x.dll' in target.zip})
 * @param content   opens the content; null for a directory
 */
record ArchiveItem(String name, long size, long crc, String origin, Content content) {
    static final long NO_CRC = -1;

    /** Opens an entry's content. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }

    static ArchiveItem directory(String name, String origin) {
        return new ArchiveItem(name, 0, NO_CRC, origin, null);
    }

    static ArchiveItem file(String name, long size, long crc, String origin, Content content) {
        return new ArchiveItem(name, size, crc, origin, content);
    }

    boolean isDirectory() {
        return content == null;
    }
}
