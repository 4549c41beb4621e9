package dev.relpromo.launcher;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.Platform;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * The demo's sample release: small but real builds for a few locales — Linux ({@code target.tar.xz}, or
 * {@code .tar.bz2} up to version 134), win32 and win64 ({@code target.zip}, {@code setup.exe}, the signed regular
 * installer; see {@link SampleBuilds}) and mac ({@code target.tar.gz}) — a partner configuration laid out as
 * {@code repo sync} leaves it (two partners, three sub-configs covering every platform, one with a win32 stub
 * installer), and an {@code attribution_config.yml}.
 */
public final class SampleRelease {
    public static final String RELEASE = "Firefox-135.0-build1";
    public static final List<String> LOCALES = List.of("de", "en-US", "fr");
    public static final List<Platform> PLATFORMS = List.of(Platform.LINUX64, Platform.LINUX, Platform.MACOSX64,
            Platform.WIN32, Platform.WIN64);
    /** The sample's Windows builds exist for these locales only (what the partner configuration needs). */
    public static final List<String> WINDOWS_LOCALES = List.of("de", "fr");

    private SampleRelease() {
    }

    /** Writes the partner configuration directory. */
    public static void writePartnerConfig(Path dir) throws IOException {
        write(dir.resolve("default.xml"), """
                <?xml version="1.0" ?>
                <manifest>
                  <remote fetch="git@github.com:example-partners/" name="partners"/>
                  <project name="repack-scripts" path="scripts" remote="partners" revision="main"/>
                  <project name="acme" path="partners/acme" remote="partners" revision="main"/>
                  <project name="globex" path="partners/globex" remote="partners" revision="main"/>
                </manifest>
                """);
        subConfig(dir, "acme", "acme-1", """
                # Acme's default build
                dist_id="acme"
                dist_version="1.0"
                linux-i686=true
                linux-x86_64=true
                mac=true
                locales="de en-US"
                """, "acme", "Acme Firefox");
        subConfig(dir, "acme", "acme-2", """
                dist_id="acme-swiss"
                dist_version="2.0"
                linux-x86_64=true
                win32=true
                win64=true
                repack_stub_installer=true   # win32 only: also a stub installer
                locales="de de-CH fr"   # de-CH is built from de
                locale.de-CH=de
                """, "acme-swiss", "Acme Firefox (Switzerland)");
        write(dir.resolve("partners/acme/desktop/acme-2/stub/partner.ini"), """
                [Partner]
                Locale=%LOCALE%
                BouncerProduct=%BOUNCER_PRODUCT%
                """);
        subConfig(dir, "globex", "globex-eu", """
                dist_id="globex"
                dist_version="3.1"
                linux-x86_64=true
                mac=true
                locales="fr de"
                migrationWizardDisabled=true
                """, "globex", "Globex Firefox");
        write(dir.resolve("partners/globex/desktop/globex-eu/extensions/globex@example.com.xpi"),
                "not a real extension, but carried into the repack like one");
    }

    /** Writes the sample {@code attribution_config.yml}: one campaign on Windows (and mac, which is reported as not done). */
    public static Path writeAttributionConfig(Path file) throws IOException {
        write(file, """
                defaults:
                  medium: distribution
                  source: mozilla
                configs:
                  - campaign: acme
                    content: acme-003
                    locales: [de, fr]
                    platforms: [win32-shippable, win64-shippable, macosx64-shippable]
                """);
        return file;
    }

    private static void subConfig(Path dir, String partner, String sub, String repackCfg, String distId, String about)
            throws IOException {
        Path base = dir.resolve("partners").resolve(partner).resolve("desktop").resolve(sub);
        write(base.resolve("repack.cfg"), repackCfg);
        write(base.resolve("distribution/distribution.ini"), """
                # Partner Distribution Configuration File
                [Global]
                id=%s
                version=1.0
                about=%s

                [Preferences]
                app.partner.%s="%s"
                """.formatted(distId, about, distId, distId));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Writes every sample build into {@code dir} as {@code <ftp platform>/<locale>/<file>}: the layout
     * {@code relpromo run --builds} reads. Windows installers are signed with the local key in {@code keys}.
     */
    public static Path writeBuilds(Path dir, String release, Path keys) throws IOException {
        ReleaseName name = ReleaseName.parse(release);
        String ext = Platform.linuxArchive(name.version());
        for (Platform platform : PLATFORMS) {
            for (String locale : platform.isWindows() ? WINDOWS_LOCALES : LOCALES) {
                Path localeDir = Files.createDirectories(dir.resolve(platform.ftpPlatform()).resolve(locale));
                if (platform.isLinux()) {
                    Files.write(localeDir.resolve("target." + ext), linuxBuild(name.version(), locale, ext, platform));
                } else {
                    SampleBuilds.write(localeDir, platform, locale, name.version(), keys);
                }
            }
        }
        return dir;
    }

    /**
     * Generates the builds into the candidates layout of the store ({@code <build dir>/<ftp platform>/<locale>/}) and
     * returns the build-completed events that announce them, one per platform (as a build-signing task would).
     */
    public static List<BuildCompleted> publishBuilds(ArtifactStore store, String release, Path keys, Path scratch)
            throws IOException {
        ReleaseName name = ReleaseName.parse(release);
        String buildDir = "pub/" + name.productPath() + "/candidates/" + name.version() + "-candidates/build"
                + name.buildNumber();
        List<BuildCompleted> events = new ArrayList<>();
        for (BuildCompleted local : BuildsDirectory.scan(writeBuilds(scratch, release, keys), release)) {
            List<BuildCompleted.LocaleBuild> locales = new ArrayList<>();
            for (BuildCompleted.LocaleBuild build : local.locales()) {
                List<Artifact> stored = new ArrayList<>();
                for (Artifact a : build.artifacts()) {
                    String key = buildDir + "/" + local.platform().ftpPlatform() + "/" + build.locale() + "/" + a.name();
                    stored.add(store.put(key, Path.of(java.net.URI.create(a.uri()))).asArtifact(a.name()));
                }
                locales.add(new BuildCompleted.LocaleBuild(build.locale(), stored, null));
            }
            events.add(new BuildCompleted(release, local.platform(), local.signingTask(), locales));
        }
        return events;
    }

    /** A small deterministic Firefox-like tree: some compressible text, some incompressible "binaries". */
    static byte[] linuxBuild(String version, String locale, String ext, Platform platform) throws IOException {
        return linuxBuild(version, locale, ext, platform, 512 * 1024);
    }

    /** @param libxulBytes size of the incompressible "libxul.so" (tests use it to make repacks take longer) */
    static byte[] linuxBuild(String version, String locale, String ext, Platform platform, int libxulBytes)
            throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Random random = new Random((platform.buildPlatform() + locale + version).hashCode());
        files.put("firefox/application.ini", ("[App]\nVendor=Mozilla\nName=Firefox\nVersion=" + version
                + "\nBuildID=20250101000000\n").getBytes(StandardCharsets.UTF_8));
        files.put("firefox/defaults/pref/channel-prefs.js", "pref(\"app.update.channel\", \"release\");\n"
                .getBytes(StandardCharsets.UTF_8));
        files.put("firefox/firefox", bytes(random, 192 * 1024));
        files.put("firefox/libxul.so", bytes(random, libxulBytes));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4000; i++) {
            text.append("locale.").append(locale).append(".string").append(i).append("=Text ").append(i % 97).append('\n');
        }
        files.put("firefox/browser/omni.ja", text.toString().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream compressed = ext.equals("tar.xz")
                ? new XZOutputStream(buffer, new LZMA2Options(6)) : new BZip2CompressorOutputStream(buffer);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            addDir(tar, "firefox/");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(f.getKey().endsWith("firefox/firefox") ? 0755 : 0644);
                e.setModTime(1_735_689_600_000L);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return buffer.toByteArray();
    }

    private static void addDir(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry dir = new TarArchiveEntry(name);
        dir.setModTime(1_735_689_600_000L);
        tar.putArchiveEntry(dir);
        tar.closeArchiveEntry();
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
