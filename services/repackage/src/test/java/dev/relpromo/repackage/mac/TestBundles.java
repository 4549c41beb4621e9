package dev.relpromo.repackage.mac;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Small {@code target.tar.gz} inputs built in the test, and a way to run the system tools on the result. Public for
 * the handler tests in {@code dev.relpromo.repackage}.
 */
public final class TestBundles {
    static final String INI = "[App]\nVendor=Mozilla\nName=Firefox\nCodeName=Firefox Nightly\nVersion=140.0a1\n";
    static final String DISTRIBUTION_INI = "[Global]\nid=acme\nversion=1.0\n";
    static final long MTIME = 1_700_000_000L;
    /** 64 KiB chunks, so the test bundle spans several. */
    static final int SMALL_CHUNKS = 128;

    private TestBundles() {
    }

    /** Builds a tar.gz entry by entry. */
    public static final class Tar {
        private record Entry(String name, byte type, int mode, byte[] data, String link) {
        }

        private final List<Entry> entries = new ArrayList<>();

        Tar dir(String name) {
            entries.add(new Entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, 0755, null, null));
            return this;
        }

        Tar file(String name, int mode, byte[] data) {
            entries.add(new Entry(name, TarConstants.LF_NORMAL, mode, data, null));
            return this;
        }

        Tar file(String name, String text) {
            return file(name, 0644, text.getBytes(StandardCharsets.UTF_8));
        }

        Tar symlink(String name, String target) {
            entries.add(new Entry(name, TarConstants.LF_SYMLINK, 0755, null, target));
            return this;
        }

        Tar special(String name, byte type, String link) {
            entries.add(new Entry(name, type, 0644, null, link));
            return this;
        }

        public Path write(Path path) throws IOException {
            Files.createDirectories(path.getParent());
            try (OutputStream out = Files.newOutputStream(path);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Entry e : entries) {
                    TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type(), true); // keep '/etc/x' absolute
                    t.setMode(e.mode());
                    t.setModTime(new Date(MTIME * 1000));
                    if (e.link() != null) {
                        t.setLinkName(e.link());
                    }
                    if (e.data() != null) {
                        t.setSize(e.data().length);
                    }
                    tar.putArchiveEntry(t);
                    if (e.data() != null) {
                        tar.write(e.data());
                    }
                    tar.closeArchiveEntry();
                }
            }
            return path;
        }
    }

    /** A Firefox-like bundle: executable, application.ini, distribution.ini, inner symlinks, mixed data. */
    public static Tar firefox(String ini) {
        return new Tar()
                .dir("Firefox.app")
                .dir("Firefox.app/Contents")
                .dir("Firefox.app/Contents/MacOS")
                .file("Firefox.app/Contents/MacOS/firefox", 0755, random(50_000, 1))
                .file("Firefox.app/Contents/Info.plist", "<plist/>\n")
                .file("Firefox.app/Contents/Resources/application.ini", ini)
                .file("Firefox.app/Contents/Resources/distribution/distribution.ini", DISTRIBUTION_INI)
                .file("Firefox.app/Contents/Resources/omni.ja", 0644, mixed(400_000))
                .dir("Firefox.app/Contents/Resources/empty")
                .dir("Firefox.app/Contents/Library/Empty Too")
                .dir("Firefox.app/Contents/Frameworks/ChannelPrefs.framework/Versions/A")
                .file("Firefox.app/Contents/Frameworks/ChannelPrefs.framework/Versions/A/ChannelPrefs", 0755,
                        random(3000, 2))
                .symlink("Firefox.app/Contents/Frameworks/ChannelPrefs.framework/Versions/Current", "A")
                .symlink("Firefox.app/Contents/Frameworks/ChannelPrefs.framework/ChannelPrefs",
                        "Versions/Current/ChannelPrefs")
                .file("Firefox.app/Contents/Resources/Zebra.txt", "z\n")
                .file("Firefox.app/Contents/Resources/apple.txt", "a\n")
                .file("Firefox.app/Contents/Resources/caf\u00e9.txt", "accent\n");
    }

    public static Tar firefox() {
        return firefox(INI);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Random, text and a long run of zeros: zlib, raw and zero-fill chunks all occur. */
    static byte[] mixed(int size) {
        byte[] b = new byte[size];
        byte[] noise = random(size / 4, 7);
        System.arraycopy(noise, 0, b, 0, noise.length);
        byte[] text = "pref(\"browser.startup.homepage\", \"about:home\");\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = size / 4; i < size / 2; i++) {
            b[i] = text[i % text.length];
        }
        return b; // the second half stays zero
    }

    /** Exit code, standard output and standard error of a command. */
    record Run(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Run(p.exitValue(), out, stderr);
    }
}
