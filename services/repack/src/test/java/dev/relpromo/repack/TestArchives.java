package dev.relpromo.repack;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** Small archives for tests, built and read with the libraries' stock encoders (not the code under test). */
final class TestArchives {
    private TestArchives() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Text that compresses, so blocks differ in size. */
    static byte[] text(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append("pref(\"app.partner.").append(r.nextInt(500)).append("\", ").append(r.nextInt(3) == 0).append(");\n");
        }
        return utf8(sb.substring(0, size));
    }

    /** An archive built entry by entry, as a tar or a zip; names are written as given (absolute ones too). */
    interface Builder {
        Builder dir(String name) throws IOException;

        Builder file(String name, byte[] content, int mode) throws IOException;

        default Builder file(String name, byte[] content) throws IOException {
            return file(name, content, 0644);
        }

        default Builder file(String name, String content) throws IOException {
            return file(name, utf8(content));
        }

        Builder symlink(String name, String target) throws IOException;

        /** Tar only: zip has no hardlinks. */
        Builder hardlink(String name, String target) throws IOException;

        /** Writes the archive in {@code format} (a compressed tar, or zip for a {@link Zip}). */
        Path write(Path path, ArchiveFormat format) throws IOException;
    }

    static Builder builder(ArchiveFormat format) {
        return format.isTar() ? new Tar() : new Zip();
    }

    static final class Tar implements Builder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX); // writes atime, sub-second mtime as pax
        }

        @Override
        public Tar dir(String name) throws IOException {
            return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true), null, 0755);
        }

        @Override
        public Tar file(String name, byte[] content, int mode) throws IOException {
            return put(new TarArchiveEntry(name, TarConstants.LF_NORMAL, true), content, mode);
        }

        @Override
        public Tar file(String name, byte[] content) throws IOException {
            return file(name, content, 0644);
        }

        @Override
        public Tar file(String name, String content) throws IOException {
            return file(name, utf8(content));
        }

        @Override
        public Tar symlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            e.setLinkName(target);
            return put(e, null, 0777);
        }

        @Override
        public Tar hardlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            e.setLinkName(target);
            return put(e, null, 0755);
        }

        /** Any header, written as given (owners, modes and pax headers included). */
        Tar entry(TarArchiveEntry e, byte[] content) throws IOException {
            out.putArchiveEntry(e);
            if (content != null) {
                out.write(content);
            }
            out.closeArchiveEntry();
            return this;
        }

        private Tar put(TarArchiveEntry e, byte[] content, int mode) throws IOException {
            e.setLastModifiedTime(FileTime.fromMillis(1_600_000_000_000L));
            e.setUserName("builder");
            e.setGroupName("builder");
            e.setIds(1000, 1000);
            e.setMode(mode);
            if (content != null) {
                e.setSize(content.length);
            }
            return entry(e, content);
        }

        byte[] bytes() throws IOException {
            out.finish();
            return bytes.toByteArray();
        }

        @Override
        public Path write(Path path, ArchiveFormat format) throws IOException {
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(path); OutputStream c = compressor(format, file)) {
                c.write(bytes());
            }
            return path;
        }
    }

    /** A zip with unix modes (Info-ZIP style), symlinks stored as their target, and entries lying about their size. */
    static final class Zip implements Builder {
        private interface Writer {
            void writeTo(ZipArchiveOutputStream zip) throws IOException;
        }

        private final List<Writer> entries = new ArrayList<>();

        @Override
        public Zip dir(String name) {
            return put(name.endsWith("/") ? name : name + "/", UnixStat.DIR_FLAG | 0755, null);
        }

        @Override
        public Zip file(String name, byte[] content, int mode) {
            return put(name, UnixStat.FILE_FLAG | mode, content);
        }

        @Override
        public Zip symlink(String name, String target) {
            return put(name, UnixStat.LINK_FLAG | 0777, utf8(target));
        }

        @Override
        public Zip hardlink(String name, String target) {
            throw new UnsupportedOperationException("zip has no hardlinks");
        }

        /** A deflated entry whose headers claim {@code declaredSize} bytes: a zip bomb's trick. */
        Zip lying(String name, byte[] content, long declaredSize) {
            entries.add(zip -> {
                Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
                deflater.setInput(content);
                deflater.finish();
                ByteArrayOutputStream deflated = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (!deflater.finished()) {
                    deflated.write(buffer, 0, deflater.deflate(buffer));
                }
                deflater.end();
                CRC32 crc = new CRC32();
                crc.update(content);
                ZipArchiveEntry e = new ZipArchiveEntry(name);
                e.setMethod(ZipEntry.DEFLATED);
                e.setSize(declaredSize);
                e.setCompressedSize(deflated.size());
                e.setCrc(crc.getValue());
                e.setUnixMode(UnixStat.FILE_FLAG | 0644);
                zip.addRawArchiveEntry(e, new ByteArrayInputStream(deflated.toByteArray()));
            });
            return this;
        }

        private Zip put(String name, int unixMode, byte[] content) {
            entries.add(zip -> {
                ZipArchiveEntry e = new ZipArchiveEntry(name);
                e.setUnixMode(unixMode);
                e.setTime(1_600_000_000_000L);
                zip.putArchiveEntry(e);
                if (content != null) {
                    zip.write(content);
                }
                zip.closeArchiveEntry();
            });
            return this;
        }

        @Override
        public Path write(Path path, ArchiveFormat format) throws IOException {
            if (format != ArchiveFormat.ZIP) {
                throw new IllegalArgumentException("a zip builder writes zips, not " + format);
            }
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(path)) {
                for (Writer w : entries) {
                    w.writeTo(zip);
                }
            }
            return path;
        }
    }

    private static OutputStream compressor(ArchiveFormat format, OutputStream out) throws IOException {
        return switch (format) {
            case TAR_XZ -> new XZOutputStream(out, new LZMA2Options(1));
            case TAR_BZ2 -> new BZip2CompressorOutputStream(out);
            case TAR_GZ -> new GzipCompressorOutputStream(out);
            case ZIP -> throw new IllegalArgumentException("zip");
        };
    }

    static InputStream decompressor(ArchiveFormat format, InputStream in) throws IOException {
        return switch (format) {
            case TAR_XZ -> new XZInputStream(in);
            case TAR_BZ2 -> new BZip2CompressorInputStream(in, true);
            case TAR_GZ -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case ZIP -> throw new IllegalArgumentException("zip");
        };
    }

    /** An entry read back: the header and the content. */
    record Read(TarArchiveEntry entry, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** Every entry of a compressed tar, in archive order, keyed by name. */
    static Map<String, Read> readTar(Path archive, ArchiveFormat format) throws IOException {
        Map<String, Read> entries = new LinkedHashMap<>();
        try (InputStream in = decompressor(format, new BufferedInputStream(Files.newInputStream(archive)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (entries.put(e.getName(), new Read(e, tar.readAllBytes())) != null) {
                    throw new AssertionError("duplicate entry " + e.getName());
                }
            }
        }
        return entries;
    }

    static byte[] uncompressed(Path archive, ArchiveFormat format) throws IOException {
        try (InputStream in = decompressor(format, new BufferedInputStream(Files.newInputStream(archive)))) {
            return in.readAllBytes();
        }
    }

    /** A sub-config snapshot zip; entries written in the given order. */
    static Path subConfig(Path path, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(path)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(f.getKey());
                e.setTime(946684800000L);
                zip.putArchiveEntry(e);
                zip.write(f.getValue());
                zip.closeArchiveEntry();
            }
        }
        return path;
    }

    static final String INI = "[Global]\nid=acme\nversion=1.0\nabout=Acme Firefox\n\n[Preferences]\napp.partner.acme=\"acme\"\n";

    /** A typical sub-config: repack.cfg, distribution.ini, a search plugin, an extension. */
    static Path acmeSubConfig(Path path) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("repack.cfg", utf8("dist_id=acme\nlocales=de en-GB\nlinux-x86_64=true\n"));
        files.put("distribution/distribution.ini", utf8(INI));
        files.put("distribution/searchplugins/common/acme.xml", utf8("<SearchPlugin/>\n"));
        files.put("extensions/acme@example.com.xpi", random(20_000, 3));
        return subConfig(path, files);
    }

    /** A small Linux build: ~300 kB, with a symlink and a hardlink that stay inside. */
    static Tar linuxBuild() throws IOException {
        return new Tar()
                .dir("firefox/")
                .file("firefox/firefox", random(40_000, 1))
                .hardlink("firefox/firefox-bin", "firefox/firefox")
                .file("firefox/libxul.so.1", text(200_000, 2))
                .symlink("firefox/libxul.so", "libxul.so.1")
                .dir("firefox/browser/")
                .file("firefox/browser/omni.ja", random(60_000, 4))
                .file("firefox/distribution/distribution.ini", "[Global]\nid=mozilla\n") // replaced by the partner's
                .file("firefox/browser/features/" + "a-very-long-directory-name-".repeat(4) + "/x.js", "//\n");
    }

    /**
     * Every path below {@code root}, not following links, with what it is: a file's content, "dir/" or
     * "-> target": compared before and after, it shows a directory was left untouched.
     */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new java.util.TreeMap<>();
        try (var s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String what = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? "dir/" : new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                tree.put(root.relativize(p).toString(), what);
            }
        }
        return tree;
    }

    /** The keys of every pax record (typeflag 'x' or 'g') of an uncompressed tar, in order, read from the raw bytes. */
    static List<String> paxKeys(byte[] tar) {
        List<String> keys = new ArrayList<>();
        int offset = 0;
        while (offset + 512 <= tar.length && tar[offset] != 0) {
            byte type = tar[offset + 156];
            int size = Integer.parseInt(new String(tar, offset + 124, 12, StandardCharsets.US_ASCII).trim(), 8);
            offset += 512;
            if (type == 'x' || type == 'g') {
                String records = new String(tar, offset, size, StandardCharsets.UTF_8);
                for (int at = 0; at < records.length(); ) {
                    int space = records.indexOf(' ', at);
                    int length = Integer.parseInt(records.substring(at, space));
                    String record = records.substring(space + 1, at + length);
                    keys.add(record.substring(0, record.indexOf('=')));
                    at += length;
                }
            }
            offset += (size + 511) / 512 * 512;
        }
        return keys;
    }

    static List<String> listFiles(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        try (var s = Files.walk(root)) {
            s.filter(p -> !p.equals(root)).forEach(p -> files.add(root.relativize(p).toString()));
        }
        files.sort(null);
        return files;
    }
}
