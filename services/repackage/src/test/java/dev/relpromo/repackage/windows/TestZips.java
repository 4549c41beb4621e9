package dev.relpromo.repackage.windows;

import dev.relpromo.kit.pe.MinimalPe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Small package zips for tests, written with commons-compress's stock zip writer; names are written as given. Public
 * for the handler tests in {@code dev.relpromo.repackage}.
 */
public final class TestZips {
    public static final String DISTRIBUTION_INI = "[Global]\nid=acme\nversion=1.0\nabout=Acme Firefox\n";
    static final String PARTNER_INI = "[Partner]\nid=acme\n";

    private interface Writer {
        void writeTo(ZipArchiveOutputStream zip) throws IOException;
    }

    private final List<Writer> entries = new ArrayList<>();
    private long time = 1_600_000_000_000L;

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** A tiny Windows build: two PE files, omni.ja, a distribution.ini; a few KB. */
    public static TestZips targetZip() {
        return new TestZips()
                .dir("firefox/")
                .file("firefox/firefox.exe", MinimalPe.image(MinimalPe.Machine.AMD64, "firefox.exe"))
                .file("firefox/xul.dll", random(3000, 1))
                .file("firefox/browser/omni.ja", random(2000, 2))
                .file("firefox/distribution/distribution.ini", utf8(DISTRIBUTION_INI));
    }

    /** What a partner's {@code target-stub.zip} holds: partner.ini and an empty firefox/. */
    public static TestZips stubZip() {
        return new TestZips().file("partner.ini", utf8(PARTNER_INI)).dir("firefox/");
    }

    public static byte[] setupExe() {
        return MinimalPe.image(MinimalPe.Machine.I386, "setup.exe");
    }

    /** Time stamps of the entries added after this call. */
    TestZips time(long millis) {
        this.time = millis;
        return this;
    }

    TestZips dir(String name) {
        return put(name, UnixStat.DIR_FLAG | 0755, null);
    }

    TestZips file(String name, byte[] content) {
        return put(name, UnixStat.FILE_FLAG | 0644, content);
    }

    TestZips file(String name, String content) {
        return file(name, utf8(content));
    }

    TestZips symlink(String name, String target) {
        return put(name, UnixStat.LINK_FLAG | 0777, utf8(target));
    }

    /** A file as Windows zip tools write it: no unix mode, platform FAT. */
    TestZips windowsFile(String name, byte[] content) {
        long t = time;
        entries.add(zip -> {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setTime(t);
            zip.putArchiveEntry(e);
            zip.write(content);
            zip.closeArchiveEntry();
        });
        return this;
    }

    /** A deflated entry whose headers claim {@code declaredSize} bytes: a zip bomb's trick. */
    TestZips lying(String name, byte[] content, long declaredSize) {
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

    /** The same entries in reverse order. */
    TestZips reversed() {
        Collections.reverse(entries);
        return this;
    }

    private TestZips put(String name, int unixMode, byte[] content) {
        long t = time;
        entries.add(zip -> {
            ZipArchiveEntry e = new ZipArchiveEntry(name);
            e.setUnixMode(unixMode);
            e.setTime(t);
            zip.putArchiveEntry(e);
            if (content != null) {
                zip.write(content);
            }
            zip.closeArchiveEntry();
        });
        return this;
    }

    public Path write(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(path)) {
            for (Writer w : entries) {
                w.writeTo(zip);
            }
        }
        return path;
    }

    static Path writeFile(Path path, byte[] content) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        return Files.write(path, content);
    }
}
