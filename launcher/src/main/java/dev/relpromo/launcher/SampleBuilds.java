package dev.relpromo.launcher;

import dev.relpromo.events.Platform;
import dev.relpromo.events.kinds.ArtifactNames;
import dev.relpromo.kit.pe.MinimalPe;
import dev.relpromo.repackage.windows.AppTag;
import dev.relpromo.repackage.windows.SfxStub;
import dev.relpromo.repackage.windows.WindowsInstaller;
import dev.relpromo.signing.authenticode.LocalAuthenticodeBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Small but real Windows and mac builds for the demo and the tests, written into a builds directory
 * ({@code <ftp platform>/<locale>/<file>}):
 * <ul>
 *   <li>Windows: {@code target.zip} (a {@code firefox/} tree), {@code setup.exe} (a tiny valid PE that is not a real
 *       installer: builds carry it, nothing parses it), on win32 {@code setup-stub.exe}, and the build's own signed
 *       regular installer {@code target.installer.exe} (made like a build's repackage-signing would: the installer
 *       repackage with the stand-in SFX stub, then Authenticode with the local key and an empty attribution slot),
 *       which partner attribution stamps;</li>
 *   <li>mac: {@code target.tar.gz} holding {@code Firefox.app} with its {@code application.ini}.</li>
 * </ul>
 * Deterministic for a platform, locale and version, so reruns see the same inputs.
 */
final class SampleBuilds {
    private static final long MTIME = 1_735_689_600_000L;

    private SampleBuilds() {
    }

    /** Writes one locale's build of a Windows or mac platform into {@code localeDir}. */
    static void write(Path localeDir, Platform platform, String locale, String version, Path keys) throws IOException {
        Files.createDirectories(localeDir);
        Random random = new Random((platform.buildPlatform() + locale + version).hashCode());
        if (platform.isMac()) {
            macBuild(localeDir.resolve(ArtifactNames.TARGET_TAR_GZ), locale, version, random);
            return;
        }
        if (!platform.isWindows()) {
            throw new IllegalArgumentException("not a Windows or mac platform: " + platform.buildPlatform());
        }
        Path zip = windowsBuild(localeDir.resolve(ArtifactNames.TARGET_ZIP), locale, version, random);
        Path setup = Files.write(localeDir.resolve(ArtifactNames.SETUP_EXE),
                MinimalPe.image(machine(platform), "sample setup.exe " + platform.ftpPlatform() + " " + locale));
        if (platform == Platform.WIN32) {
            Files.write(localeDir.resolve(ArtifactNames.SETUP_STUB_EXE),
                    MinimalPe.image(MinimalPe.Machine.I386, "sample setup-stub.exe " + locale));
        }
        Path installer = localeDir.resolve(ArtifactNames.TARGET_INSTALLER_EXE);
        new WindowsInstaller().build(zip, setup, SfxStub.standIn(platform), AppTag.installer("Firefox"), installer);
        LocalAuthenticodeBackend.fromKeyDirectory(keys).sign(installer);
    }

    private static MinimalPe.Machine machine(Platform platform) {
        return switch (platform) {
            case WIN32 -> MinimalPe.Machine.I386;
            case WIN64_AARCH64 -> MinimalPe.Machine.ARM64;
            default -> MinimalPe.Machine.AMD64;
        };
    }

    private static Path windowsBuild(Path out, String locale, String version, Random random) throws IOException {
        Map<String, byte[]> files = commonFiles(locale, version, random);
        files.put("firefox/firefox.exe", MinimalPe.image(MinimalPe.Machine.AMD64, "sample firefox.exe " + locale));
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : prefixed("firefox/", files).entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(f.getKey());
                e.setTime(MTIME);
                zip.putArchiveEntry(e);
                zip.write(f.getValue());
                zip.closeArchiveEntry();
            }
        }
        return out;
    }

    private static void macBuild(Path out, String locale, String version, Random random) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        commonFiles(locale, version, random).forEach((name, bytes) ->
                files.put(name.replace("firefox/", "Firefox.app/Contents/Resources/"), bytes));
        files.put("Firefox.app/Contents/Info.plist", utf8("<?xml version=\"1.0\"?>\n<plist version=\"1.0\"><dict>"
                + "<key>CFBundleIdentifier</key><string>org.mozilla.firefox</string></dict></plist>\n"));
        files.put("Firefox.app/Contents/MacOS/firefox", bytes(random, 64 * 1024));
        GzipParameters gzip = new GzipParameters();
        gzip.setModificationTime(0);
        try (OutputStream compressed = new GzipCompressorOutputStream(Files.newOutputStream(out), gzip);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : new String[] {"Firefox.app/", "Firefox.app/Contents/", "Firefox.app/Contents/MacOS/",
                    "Firefox.app/Contents/Resources/"}) {
                TarArchiveEntry e = new TarArchiveEntry(dir);
                e.setModTime(MTIME);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(f.getKey().endsWith("MacOS/firefox") ? 0755 : 0644);
                e.setModTime(MTIME);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    /** What every platform's tree holds below its install root (named here with a {@code firefox/} prefix). */
    private static Map<String, byte[]> commonFiles(String locale, String version, Random random) {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("firefox/application.ini", utf8("[App]\nVendor=Mozilla\nName=Firefox\nCodeName=Firefox\nVersion="
                + version + "\nBuildID=20250101000000\n"));
        files.put("firefox/defaults/pref/channel-prefs.js", utf8("pref(\"app.update.channel\", \"release\");\n"));
        files.put("firefox/libxul", bytes(random, 48 * 1024));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            text.append("locale.").append(locale).append(".string").append(i).append("=Text ").append(i % 97).append('\n');
        }
        files.put("firefox/browser/omni.ja", utf8(text.toString()));
        return files;
    }

    private static Map<String, byte[]> prefixed(String prefix, Map<String, byte[]> files) {
        Map<String, byte[]> out = new TreeMap<>();
        files.forEach((name, bytes) -> out.put(name.startsWith(prefix) ? name : prefix + name, bytes));
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
