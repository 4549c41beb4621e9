package dev.relpromo.repack;

import java.io.BufferedInputStream;
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
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
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

    /** A tar built entry by entry; names are written as given (absolute ones too). */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        }

        Tar dir(String name) throws IOException {
            return put(new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true), null);
        }

        Tar file(String name, byte[] content) throws IOException {
            return put(new TarArchiveEntry(name, TarConstants.LF_NORMAL, true), content);
        }

        Tar file(String name, String content) throws IOException {
            return file(name, utf8(content));
        }

        Tar symlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            e.setLinkName(target);
            return put(e, null);
        }

        Tar hardlink(String name, String target) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            e.setLinkName(target);
            return put(e, null);
        }

        private Tar put(TarArchiveEntry e, byte[] content) throws IOException {
            e.setLastModifiedTime(FileTime.fromMillis(1_600_000_000_000L));
            e.setUserName("builder");
            e.setGroupName("builder");
            e.setIds(1000, 1000);
            e.setMode(content == null ? 0755 : 0644);
            if (content != null) {
                e.setSize(content.length);
            }
            out.putArchiveEntry(e);
            if (content != null) {
                out.write(content);
            }
            out.closeArchiveEntry();
            return this;
        }

        byte[] bytes() throws IOException {
            out.finish();
            return bytes.toByteArray();
        }

        Path write(Path path, ArchiveFormat format) throws IOException {
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (OutputStream file = Files.newOutputStream(path); OutputStream c = compressor(format, file)) {
                c.write(bytes());
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

    static boolean hasTool(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command; returns exit code and output. */
    record Run(int exit, String output) {
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
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
