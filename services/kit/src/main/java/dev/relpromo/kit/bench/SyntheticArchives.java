package dev.relpromo.kit.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * {@link SyntheticBuild} as the archives builds ship in. Needs commons-compress, which kit declares optional so that
 * services without archives do not carry it: callers declare it themselves (repack and repackage do).
 */
public final class SyntheticArchives {
    private static final long MTIME = 1_700_000_000_000L;

    private SyntheticArchives() {
    }

    /**
     * The uncompressed tar (POSIX long names and sizes) to {@code out}, which is left open.
     *
     * @return the bytes of file data in it
     */
    public static long writeTar(OutputStream out, SyntheticBuild.Layout layout, long targetBytes) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        long bytes = SyntheticBuild.write(layout, targetBytes, new SyntheticBuild.Sink() {
            @Override
            public void directory(String name) throws IOException {
                put(new TarArchiveEntry(name, TarConstants.LF_DIR), 0, 0755, null);
            }

            @Override
            public void file(String name, long size, boolean executable, SyntheticBuild.Content content)
                    throws IOException {
                put(new TarArchiveEntry(name), size, executable ? 0755 : 0644, content);
            }

            private void put(TarArchiveEntry e, long size, int mode, SyntheticBuild.Content content) throws IOException {
                e.setLastModifiedTime(FileTime.fromMillis(MTIME));
                e.setMode(mode);
                e.setIds(0, 0);
                e.setNames("", "");
                e.setSize(size);
                tar.putArchiveEntry(e);
                if (content != null) {
                    content.writeTo(tar);
                }
                tar.closeArchiveEntry();
            }
        });
        tar.finish();
        return bytes;
    }

    /**
     * A deflated zip at {@code zip}. The level is the caller's: benchmarks that only need a valid input use
     * {@link Deflater#BEST_SPEED} to keep their untimed setup short.
     *
     * @return the bytes of file data in it
     */
    public static long writeZip(Path zip, SyntheticBuild.Layout layout, long targetBytes, int level) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.setLevel(level);
            return SyntheticBuild.write(layout, targetBytes, new SyntheticBuild.Sink() {
                @Override
                public void directory(String name) throws IOException {
                    put(name, null);
                }

                @Override
                public void file(String name, long size, boolean executable, SyntheticBuild.Content content)
                        throws IOException {
                    put(name, content);
                }

                private void put(String name, SyntheticBuild.Content content) throws IOException {
                    ZipArchiveEntry e = new ZipArchiveEntry(name);
                    e.setTime(MTIME);
                    out.putArchiveEntry(e);
                    if (content != null) {
                        content.writeTo(out);
                    }
                    out.closeArchiveEntry();
                }
            });
        }
    }
}
