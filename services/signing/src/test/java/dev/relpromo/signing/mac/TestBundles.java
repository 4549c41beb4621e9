package dev.relpromo.signing.mac;

import dev.relpromo.signing.LocalGpgSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Small mac repack archives for tests, written entry by entry (so hostile ones can be made too), and readers. */
public final class TestBundles {
    private static Path keyDir;

    private TestBundles() {
    }

    /** One local key for the whole test JVM: RSA-3072 generation costs about a second. */
    public static synchronized LocalGpgSigner signer() throws IOException {
        if (keyDir == null) {
            keyDir = Files.createTempDirectory("relpromo-mac-keys").resolve("keys");
        }
        return LocalGpgSigner.fromKeyDirectory(keyDir);
    }

    public static synchronized Path keyDir() throws IOException {
        signer();
        return keyDir;
    }

    /** A tiny Firefox.app as a repack task leaves it, with a {@code ./} prefix and odd owners, mtimes and modes. */
    public static Path firefox(Path archive, String locale) throws IOException {
        return tar()
                .dir("./Firefox.app/")
                .dir("./Firefox.app/Contents/")
                .file("./Firefox.app/Contents/Info.plist", "<plist>" + locale + "</plist>\n", 0664)
                .dir("./Firefox.app/Contents/MacOS/")
                .file("./Firefox.app/Contents/MacOS/firefox", "#!mach-o firefox\n", 0775)
                .dir("./Firefox.app/Contents/Resources/")
                .file("./Firefox.app/Contents/Resources/distribution/distribution.ini", "[Global]\nid=" + locale + "\n", 0600)
                .symlink("./Firefox.app/Contents/Resources/firefox-bin", "../MacOS/firefox")
                .writeTo(archive);
    }

    public static Builder tar() {
        return new Builder();
    }

    /** Entries in the given order, each with uid 501, a user name and a varying mtime, as a real build has. */
    public static final class Builder {
        private final List<TarArchiveEntry> entries = new ArrayList<>();
        private final Map<TarArchiveEntry, byte[]> contents = new LinkedHashMap<>();
        private long mtime = 1_700_000_000L;

        public Builder dir(String name) {
            return add(new TarArchiveEntry(name, TarConstants.LF_DIR, true), null, 0755);
        }

        public Builder file(String name, String content, int mode) {
            return add(new TarArchiveEntry(name, TarConstants.LF_NORMAL, true), content.getBytes(StandardCharsets.UTF_8), mode);
        }

        public Builder symlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            entry.setLinkName(target);
            return add(entry, null, 0777);
        }

        public Builder hardlink(String name, String target) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            entry.setLinkName(target);
            return add(entry, null, 0644);
        }

        public Builder special(String name, byte type) {
            return add(new TarArchiveEntry(name, type, true), null, 0644);
        }

        private Builder add(TarArchiveEntry entry, byte[] content, int mode) {
            entry.setMode(mode);
            entry.setIds(501, 20);
            entry.setNames("builder", "staff");
            entry.setLastModifiedTime(FileTime.from(Instant.ofEpochSecond(mtime++)));
            if (content != null) {
                entry.setSize(content.length);
                contents.put(entry, content);
            }
            entries.add(entry);
            return this;
        }

        public Path writeTo(Path archive) throws IOException {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(archive));
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (TarArchiveEntry entry : entries) {
                    tar.putArchiveEntry(entry);
                    if (contents.containsKey(entry)) {
                        tar.write(contents.get(entry));
                    }
                    tar.closeArchiveEntry();
                }
            }
            return archive;
        }
    }

    /** One line per entry: {@code name type mode uid/gid user/group mtime size [-> target]}. */
    public static List<String> listing(Path archive) {
        List<String> lines = new ArrayList<>();
        read(archive, (entry, in) -> lines.add(entry.getName() + " " + (char) entry.getLinkFlag() + " "
                + String.format("%04o", entry.getMode()) + " " + entry.getLongUserId() + "/" + entry.getLongGroupId()
                + " " + entry.getUserName() + "/" + entry.getGroupName() + " " + entry.getLastModifiedTime().toInstant()
                + " " + entry.getSize() + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : "")));
        return lines;
    }

    /** The content of one entry, or null when there is no such entry. */
    public static String content(Path archive, String name) {
        String[] found = {null};
        read(archive, (entry, in) -> {
            if (entry.getName().equals(name)) {
                found[0] = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        return found[0];
    }

    /** Copies an archive entry by entry, letting {@code edit} drop or replace entries (tampering). */
    public static Path rewrite(Path in, Path out, Editor edit) throws IOException {
        Builder builder = tar();
        read(in, (entry, data) -> {
            byte[] content = data.readAllBytes();
            edit.edit(entry, new String(content, StandardCharsets.UTF_8), builder);
        });
        return builder.writeTo(out);
    }

    @FunctionalInterface
    public interface Editor {
        /** Adds the (possibly changed) entry to {@code out}, or nothing to drop it. */
        void edit(TarArchiveEntry entry, String content, Builder out) throws IOException;
    }

    /** Adds an entry unchanged (type, name, content, mode). */
    public static void keep(TarArchiveEntry entry, String content, Builder out) {
        if (entry.isSymbolicLink()) {
            out.symlink(entry.getName(), entry.getLinkName());
        } else if (entry.isDirectory()) {
            out.dir(entry.getName());
        } else {
            out.file(entry.getName(), content, entry.getMode());
        }
    }

    /** The raw gzip header's MTIME field (bytes 4..7), which must be 0 for reproducible archives. */
    public static int gzipMtime(Path archive) throws IOException {
        byte[] head = new byte[10];
        try (InputStream in = Files.newInputStream(archive)) {
            in.readNBytes(head, 0, head.length);
        }
        return (head[4] & 0xff) | (head[5] & 0xff) << 8 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 24;
    }

    @FunctionalInterface
    private interface EntryReader {
        void read(TarArchiveEntry entry, InputStream in) throws IOException;
    }

    private static void read(Path archive, EntryReader reader) {
        try (InputStream gz = new GzipCompressorInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                reader.read(entry, tar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
