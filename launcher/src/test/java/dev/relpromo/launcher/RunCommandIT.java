package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.store.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code relpromo run} end to end on the embedded stack: every Linux repack id yields a signed archive holding its
 * sub-config's distribution under firefox/, the signature verifies with gpg against KEY, a second run gives
 * byte-identical archives, and a malformed repack.cfg fails before any task, naming file and line.
 */
class RunCommandIT {
    static final String RELEASE = "Firefox-135.0-build1";
    static final String CANDIDATES = "pub/firefox/candidates/135.0-candidates/build1/";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result relpromo(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Relpromo()).execute(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    Path builds() throws IOException {
        Path builds = dir.resolve("builds");
        for (Platform p : List.of(Platform.LINUX64, Platform.LINUX)) {
            for (String locale : SampleRelease.LOCALES) {
                Path f = Files.createDirectories(builds.resolve(p.ftpPlatform()).resolve(locale)).resolve("target.tar.xz");
                Files.write(f, SampleRelease.linuxBuild("135.0", locale, "tar.xz", p));
            }
        }
        return builds;
    }

    Result run(Path partners, Path out) throws IOException {
        return relpromo("run", "--release", RELEASE, "--builds", builds().toString(), "--partners", partners.toString(),
                "--out", out.toString(), "--keys", LinuxRelease.sharedKeys().toString(), "--timeout", "PT5M");
    }

    @Test
    void publishesSignedRepacksForEveryLinuxRepackIdAndIsByteIdenticalOnRerun() throws Exception {
        Path partners = LinuxRelease.partners(dir);
        Path out = dir.resolve("out");

        Result first = run(partners, out);
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("Every runnable task completed.");

        // acme-1: linux-i686 + linux-x86_64 × de, en-US; acme-2: linux-x86_64 × de, de-CH, fr; globex-eu: × fr, de.
        Map<String, String> expected = new TreeMap<>();
        for (String platform : List.of("linux-i686", "linux-x86_64")) {
            for (String locale : List.of("de", "en-US")) {
                expected.put("acme/acme-1/v1/" + platform + "/" + locale, "id=acme");
            }
        }
        for (String locale : List.of("de", "de-CH", "fr")) {
            expected.put("acme/acme-2/v1/linux-x86_64/" + locale, "id=acme-swiss");
        }
        for (String locale : List.of("de", "fr")) {
            expected.put("globex/globex-eu/v1/linux-x86_64/" + locale, "id=globex");
        }
        Path build = out.resolve(CANDIDATES);
        Map<String, String> firstHashes = new TreeMap<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path archive = build.resolve("partner-repacks/" + e.getKey() + "/firefox-135.0.tar.xz");
            assertThat(archive).exists();
            assertThat(archive.resolveSibling("firefox-135.0.tar.xz.asc")).exists();
            Map<String, String> entries = textEntries(archive);
            assertThat(entries).containsKey("firefox/firefox");
            assertThat(entries.get("firefox/distribution/distribution.ini")).contains(e.getValue());
            firstHashes.put(e.getKey(), Digests.sha512Hex(archive));
        }
        assertThat(textEntries(build.resolve("partner-repacks/acme/acme-2/v1/linux-x86_64/de-CH/firefox-135.0.tar.xz"))
                .get("firefox/distribution/distribution.ini")).contains("[Locale]\nlocale=de-CH");
        assertThat(textEntries(build.resolve("partner-repacks/globex/globex-eu/v1/linux-x86_64/fr/firefox-135.0.tar.xz")))
                .containsKey("firefox/extensions/globex@example.com.xpi")
                .hasEntrySatisfying("firefox/distribution/distribution.ini",
                        ini -> assertThat(ini).contains("[XRE]\nEnableProfileMigrator=0"));
        try (Stream<Path> published = Files.walk(build.resolve("partner-repacks"))) {
            assertThat(published.filter(p -> p.toString().endsWith(".tar.xz"))).hasSize(expected.size());
        }
        verifyWithGpg(build.resolve("KEY"), expected.keySet().stream()
                .map(id -> build.resolve("partner-repacks/" + id + "/firefox-135.0.tar.xz")).toList());

        Result second = run(partners, out);
        assertThat(second.code()).as(second.out() + second.err()).isZero();
        for (Map.Entry<String, String> h : firstHashes.entrySet()) {
            assertThat(Digests.sha512Hex(build.resolve("partner-repacks/" + h.getKey() + "/firefox-135.0.tar.xz")))
                    .as(h.getKey()).isEqualTo(h.getValue());
        }
    }

    @Test
    void aMalformedRepackCfgFailsBeforeAnyTaskNamingFileAndLine() throws Exception {
        Path partners = dir.resolve("partners");
        SampleRelease.writePartnerConfig(partners);
        Path cfg = partners.resolve("partners/globex/desktop/globex-eu/repack.cfg");
        Files.writeString(cfg, Files.readString(cfg) + "oem=perhaps\n");
        Path out = dir.resolve("out");

        Result check = relpromo("check-partners", partners.toString());
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.err()).contains(cfg + ":7:");

        Result run = run(partners, out);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(cfg + ":7:");
        assertThat(out.resolve("pub")).doesNotExist();
    }

    @Test
    void checkPartnersListsTheRepacksPerPlatform() throws Exception {
        Path partners = dir.resolve("partners");
        SampleRelease.writePartnerConfig(partners);
        Result check = relpromo("check-partners", partners.toString(), "--version", "135.0");
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("linux64-shippable", "acme/acme-2/de-CH", "win64-shippable");
    }

    static Map<String, String> textEntries(Path archive) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (InputStream in = new XZCompressorInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    entries.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }

    void verifyWithGpg(Path key, List<Path> files) throws Exception {
        verifyWith(dir, key, files);
    }

    /** Checks every file's detached {@code .asc} with the system gpg (skips when gpg is not installed). */
    void verifyWith(Path dir, Path key, List<Path> files) throws Exception {
        Assumptions.assumeTrue(onPath("gpg"), "gpg is not installed: signature not checked with an independent tool");
        Path home = Files.createDirectories(dir.resolve("gnupg"));
        home.toFile().setReadable(true, true);
        try {
            assertThat(exec(home, "gpg", "--batch", "--import", key.toString())).isZero();
            for (Path file : files) {
                assertThat(exec(home, "gpg", "--batch", "--verify", file + ".asc", file.toString())).as(file.toString()).isZero();
            }
        } finally {
            exec(home, "gpgconf", "--kill", "gpg-agent");
        }
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    static int exec(Path home, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        pb.environment().put("GNUPGHOME", home.toString());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
