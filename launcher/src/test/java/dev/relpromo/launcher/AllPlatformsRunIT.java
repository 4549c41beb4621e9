package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.kit.pe.AttributionSlot;
import dev.relpromo.kit.store.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relpromo run} on the sample release's Linux, mac, win32 and win64 builds with a partner configuration and
 * an attribution config: every partner-path task completes, and the published files are accepted by independent
 * tools — every installer by {@code osslsigncode verify} against the local CA, every {@code .asc} by gpg against
 * {@code KEY}, every installer and dmg by {@code 7z t}, every dmg by {@code dmg2img} — each holding its sub-config's
 * {@code distribution.ini}. A second run on the same store publishes byte-identical files (the store refuses
 * different bytes, so a non-deterministic step would fail it).
 */
class AllPlatformsRunIT {
    private static final String RELEASE = "Firefox-135.0-build1";
    private static final String VERSION = "135.0";

    @TempDir
    static Path dir;
    private static Path keys;
    private static Path build;
    private static RunCommandIT.Result first;
    private static Path emeFree;
    private static Path releases;

    @BeforeAll
    static void runOnce() throws Exception {
        keys = dir.resolve("keys");
        Path partners = dir.resolve("partners");
        SampleRelease.writePartnerConfig(partners);
        Path acme2 = partners.resolve("partners/acme/desktop/acme-2/repack.cfg");
        Files.writeString(acme2, Files.readString(acme2) + "publish_to_releases=true\n");
        emeFree = writeEmeFreeConfig(dir.resolve("eme-free"));
        Path builds = SampleRelease.writeBuilds(dir.resolve("builds"), RELEASE, keys);
        Path attribution = SampleRelease.writeAttributionConfig(dir.resolve("attribution_config.yml"));
        first = run(builds, partners, attribution);
        build = dir.resolve("out").resolve(RunCommandIT.CANDIDATES);
        releases = dir.resolve("out/pub/firefox/releases");
    }

    /**
     * EME-free from its own manifest directory ({@code --eme-free-config}, like mozilla-EME-free-manifest): one mac
     * and win64 locale, so the run also publishes the EME-free tree, its .beet files and the SUMS.
     */
    private static Path writeEmeFreeConfig(Path config) throws IOException {
        Files.createDirectories(config);
        Files.writeString(config.resolve("default.xml"), """
                <?xml version="1.0" ?>
                <manifest>
                  <remote fetch="git@github.com:mozilla-partners/" name="mozilla-partners"/>
                  <project name="mozilla-EME-free" path="mozilla-EME-free" remote="mozilla-partners" revision="master"/>
                </manifest>
                """);
        Path sub = Files.createDirectories(config.resolve("mozilla-EME-free/desktop/mozilla-EME-free"));
        Files.writeString(sub.resolve("repack.cfg"), """
                aus="mozilla-EMEfree"
                dist_id="mozilla-EMEfree"
                dist_version="1.0"
                linux-i686=false
                linux-x86_64=false
                mac=true
                win32=false
                win64=true
                locales="de"
                output_dir="%(platform)s-EME-free/%(locale)s"
                """);
        Files.createDirectories(sub.resolve("distribution"));
        Files.writeString(sub.resolve("distribution/distribution.ini"), """
                [Global]
                id=mozilla-EMEfree
                version=1.0
                about=Mozilla Firefox EME-free
                """);
        return config;
    }

    @Test
    void theReleaseChecksumsArePublishedSignedAndVerifyWithTheRealTools() throws Exception {
        for (String platform : List.of("mac", "win64")) {
            assertThat(build.resolve("beetmover-checksums/" + platform + "-EME-free/de/firefox-" + VERSION
                    + ".checksums.beet")).exists();
        }
        for (String name : List.of("SHA256SUMS", "SHA512SUMS", "SHA256SUMMARY", "SHA512SUMMARY")) {
            assertThat(build.resolve(name)).exists();
            assertThat(build.resolve(name + ".asc")).exists();
        }
        // only the .beet files count (reference §4): the EME-free dmg and installer, not their .asc
        String dmg = "mac-EME-free/de/Firefox " + VERSION + ".dmg";
        String exe = "win64-EME-free/de/Firefox Setup " + VERSION + ".exe";
        assertThat(Files.readAllLines(build.resolve("SHA256SUMS"))).containsExactly(
                Digests.hashFile(build.resolve(dmg)).sha256() + "  " + dmg,
                Digests.hashFile(build.resolve(exe)).sha256() + "  " + exe);
        assertThat(Files.readAllLines(build.resolve("SHA512SUMMARY"))).hasSize(3).first().asString()
                .endsWith(" TREE_HEAD");
        for (String tool : List.of("sha256sum", "sha512sum")) {
            if (RunCommandIT.onPath(tool)) {
                assertTool(build, tool, "-c", tool.substring(0, 6).toUpperCase() + "SUMS");
            }
        }
        new RunCommandIT().verifyWith(dir, build.resolve("KEY"), List.of(build.resolve("SHA512SUMS"),
                build.resolve("SHA256SUMMARY")));
    }

    private static RunCommandIT.Result run(Path builds, Path partners, Path attribution) {
        return RunCommandIT.relpromo("run", "--phases", "promote,push", "--release", RELEASE, "--builds",
                builds.toString(), "--partners",
                partners.toString(), "--eme-free-config", emeFree.toString(), "--eme-free", "--partner-repack",
                "--attribution", attribution.toString(), "--out", dir.resolve("out").toString(),
                "--keys", keys.toString(), "--timeout", "PT8M");
    }

    /** Published installers and disk images by partner path, with the distribution id inside them. */
    private static Map<String, String> expected() {
        Map<String, String> files = new TreeMap<>();
        for (String locale : List.of("de", "de-CH", "fr")) {
            files.put("acme/acme-2/v1/win64/" + locale + "/Firefox Setup " + VERSION + ".exe", "id=acme-swiss");
            files.put("acme/acme-2/v1/win32/" + locale + "/Firefox Setup " + VERSION + ".exe", "id=acme-swiss");
            files.put("acme/acme-2/v1/win32/" + locale + "/Firefox Installer.exe", null);
        }
        for (String locale : List.of("de", "en-US")) {
            files.put("acme/acme-1/v1/mac/" + locale + "/Firefox " + VERSION + ".dmg", "id=acme");
        }
        for (String locale : List.of("de", "fr")) {
            files.put("globex/globex-eu/v1/mac/" + locale + "/Firefox " + VERSION + ".dmg", "id=globex");
        }
        return files;
    }

    @Test
    void everyPartnerPathTaskCompletesAndAttributionOfMacIsReportedNotDone() {
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("Every runnable task completed.")
                .contains("skipped attribution acme/acme-003 macosx64-shippable (de, fr): macOS attribution");
    }

    @Test
    void installersAreAuthenticodeSignedAndEveryFileHasAGpgSignature() throws Exception {
        requireTools("osslsigncode");
        List<Path> signed = new ArrayList<>();
        for (String file : expected().keySet()) {
            Path published = build.resolve("partner-repacks/" + file);
            assertThat(published).exists();
            signed.add(published);
            if (file.endsWith(".exe")) {
                assertTool(dir, "osslsigncode", "verify", "-CAfile", keys.resolve("authenticode-ca.pem").toString(),
                        "-in", published.toString());
            }
        }
        new RunCommandIT().verifyWith(dir, build.resolve("KEY"), signed);
    }

    @Test
    void installersAndDiskImagesHoldTheirSubConfigsDistribution() throws Exception {
        requireTools("7zz");
        for (Map.Entry<String, String> e : expected().entrySet()) {
            Path published = build.resolve("partner-repacks/" + e.getKey());
            // a signed installer is a PE whose certificate table follows the 7z archive: name the format; a dmg is
            // detected, and 7-Zip opens the HFS+ volume inside it
            List<String> type = e.getKey().endsWith(".exe") ? List.of("-t7z") : List.of();
            assertTool(dir, command("7zz", "t", type, published));
            if (e.getValue() != null) {
                Path out = Files.createDirectories(dir.resolve("x").resolve(Integer.toString(e.getKey().hashCode())));
                assertTool(dir, command("7zz", "x", type, published, "-y", "-o" + out));
                Path ini = find(out, "distribution.ini");
                assertThat(Files.readString(ini)).as(e.getKey()).contains(e.getValue());
                String parent = e.getKey().endsWith(".exe") ? "core/distribution/distribution.ini"
                        : "Contents/Resources/distribution/distribution.ini";
                assertThat(out.relativize(ini).toString().replace('\\', '/')).as(e.getKey()).endsWith(parent);
            }
        }
    }

    @Test
    void everyDiskImageConvertsWithDmg2img() throws Exception {
        requireTools("dmg2img");
        for (String file : expected().keySet().stream().filter(f -> f.endsWith(".dmg")).toList()) {
            Path img = dir.resolve("img").resolve(Integer.toString(file.hashCode()) + ".img");
            Files.createDirectories(img.getParent());
            assertTool(dir, "dmg2img", build.resolve("partner-repacks/" + file).toString(), img.toString());
            assertThat(Files.size(img)).isPositive();
        }
    }

    @Test
    void attributedInstallersCarryTheirCodeAndStillVerify() throws Exception {
        for (String platform : List.of("win32", "win64")) {
            for (String locale : List.of("de", "fr")) {
                Path exe = build.resolve("partner-repacks/acme/acme-003/v1/" + platform + "/" + locale
                        + "/Firefox Setup " + VERSION + ".exe");
                assertThat(AttributionSlot.read(exe)).as(exe.toString())
                        .contains("medium=distribution&source=mozilla&campaign=acme&content=acme-003");
                if (RunCommandIT.onPath("osslsigncode")) {
                    assertTool(dir, "osslsigncode", "verify", "-CAfile",
                            keys.resolve("authenticode-ca.pem").toString(), "-in", exe.toString());
                }
            }
        }
        assertThat(build.resolve("partner-repacks/acme/acme-003/v1/mac")).doesNotExist();
    }

    /** The push phase of the same run: EME-free and the SUMS into releases, the publish_to_releases partner too. */
    @Test
    void pushCopiesEmeFreeTheSumsAndThePublishedPartnerToReleases() throws Exception {
        Path version = releases.resolve(VERSION);
        for (String file : List.of("mac-EME-free/de/Firefox " + VERSION + ".dmg",
                "win64-EME-free/de/Firefox Setup " + VERSION + ".exe", "SHA256SUMS", "SHA256SUMS.asc", "KEY")) {
            assertThat(Digests.sha512Hex(version.resolve(file))).as(file).isEqualTo(Digests.sha512Hex(build.resolve(file)));
        }
        assertThat(version.resolve("beetmover-checksums")).doesNotExist();
        assertThat(version.resolve("partner-repacks")).doesNotExist();
        if (RunCommandIT.onPath("sha256sum")) {
            assertTool(version, "sha256sum", "-c", "SHA256SUMS");
        }
        String installer = "win64/de/Firefox Setup " + VERSION + ".exe";
        assertThat(Digests.sha512Hex(releases.resolve("partners/acme/acme-2/" + VERSION + "/" + installer)))
                .isEqualTo(Digests.sha512Hex(build.resolve("partner-repacks/acme/acme-2/v1/" + installer)));
        assertThat(releases.resolve("partners/acme/acme-1")).as("not publish_to_releases").doesNotExist();
        assertThat(first.out()).contains("Published under pub/firefox/releases in ");
    }

    @Test
    void aSecondRunPublishesByteIdenticalFiles() throws Exception {
        Map<String, String> before = hashes();
        RunCommandIT.Result second = run(dir.resolve("builds"), dir.resolve("partners"),
                dir.resolve("attribution_config.yml"));
        assertThat(second.code()).as(second.out() + second.err()).isZero();
        assertThat(hashes()).isEqualTo(before);
    }

    private static Map<String, String> hashes() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        // the second run's push is a no-op too: nothing in releases changes
        for (Path root : List.of(build.resolve("partner-repacks"), releases)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    hashes.put(dir.relativize(f).toString(), Digests.sha512Hex(f) + " " + Files.getLastModifiedTime(f));
                }
            }
        }
        return hashes;
    }

    private static String[] command(String tool, String verb, List<String> options, Path file, String... more) {
        List<String> command = new ArrayList<>(List.of(tool, verb));
        command.addAll(options);
        command.addAll(List.of(more));
        command.add(file.toString());
        return command.toArray(String[]::new);
    }

    private static Path find(Path root, String name) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " below " + root));
        }
    }

    private static void requireTools(String... tools) {
        for (String tool : tools) {
            Assumptions.assumeTrue(RunCommandIT.onPath(tool), tool + " is not installed: skipping the check with it");
        }
    }

    private static void assertTool(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
