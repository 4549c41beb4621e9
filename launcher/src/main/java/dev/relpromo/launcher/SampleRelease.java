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
 * The demo's sample release: small but real Linux builds (a {@code firefox/} tree in {@code target.tar.xz}, or
 * {@code .tar.bz2} up to version 134) for a few locales, and a partner configuration laid out as {@code repo sync}
 * leaves it: two partners with three sub-configs, one of which also enables win64 (whose tasks stay pending: there
 * is no Windows build in the sample).
 */
public final class SampleRelease {
    public static final String RELEASE = "Firefox-135.0-build1";
    public static final List<String> LOCALES = List.of("de", "en-US", "fr");
    public static final List<Platform> PLATFORMS = List.of(Platform.LINUX64, Platform.LINUX);

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
                locales="de en-US"
                """, "acme", "Acme Firefox");
        subConfig(dir, "acme", "acme-2", """
                dist_id="acme-swiss"
                dist_version="2.0"
                linux-x86_64=true
                win64=true
                locales="de de-CH fr"   # de-CH is built from de
                locale.de-CH=de
                """, "acme-swiss", "Acme Firefox (Switzerland)");
        subConfig(dir, "globex", "globex-eu", """
                dist_id="globex"
                dist_version="3.1"
                linux-x86_64=true
                locales="fr de"
                migrationWizardDisabled=true
                """, "globex", "Globex Firefox");
        write(dir.resolve("partners/globex/desktop/globex-eu/extensions/globex@example.com.xpi"),
                "not a real extension, but carried into the repack like one");
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
     * Generates the Linux builds into the candidates layout of the store and returns the build-completed events
     * that announce them, one per platform (as a build-signing task would).
     */
    public static List<BuildCompleted> publishBuilds(ArtifactStore store, String release) throws IOException {
        ReleaseName name = ReleaseName.parse(release);
        String ext = Platform.linuxArchive(name.version());
        List<BuildCompleted> events = new ArrayList<>();
        for (Platform platform : PLATFORMS) {
            List<BuildCompleted.LocaleBuild> locales = new ArrayList<>();
            for (String locale : LOCALES) {
                byte[] archive = linuxBuild(name.version(), locale, ext, platform);
                String key = "pub/" + name.productPath() + "/candidates/" + name.version() + "-candidates/build"
                        + name.buildNumber() + "/" + platform.ftpPlatform() + "/" + locale + "/"
                        + name.productPath() + "-" + name.version() + "." + ext;
                StoredObject o = store.put(key, archive);
                locales.add(new BuildCompleted.LocaleBuild(locale, List.of(new Artifact("target." + ext,
                        Artifact.STORE_SCHEME + key, o.sha512(), o.size())), null));
            }
            events.add(new BuildCompleted(release, platform, "build-signing-" + platform.buildPlatform(), locales));
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
