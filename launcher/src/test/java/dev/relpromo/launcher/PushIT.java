package dev.relpromo.launcher;

import static dev.relpromo.launcher.RunCommandIT.relpromo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Platform;
import dev.relpromo.kit.store.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push phase end to end on one {@code --out}: promote v1 of two publish_to_releases partners, then in one shot a v2
 * respin of one of them and the push; then a push alone from a fresh process and Kafka log (it finds the promote
 * records in the store) changes nothing. Linux only, one locale: three small runs.
 */
class PushIT {
    private static final String RELEASE = "Firefox-135.0-build1";
    private static final String CANDIDATES = "pub/firefox/candidates/135.0-candidates/build1/";
    private static final String RELEASES = "pub/firefox/releases/";

    @TempDir
    Path dir;

    private Path partners() throws IOException {
        Path partners = dir.resolve("partners");
        write(partners.resolve("default.xml"), """
                <?xml version="1.0" ?>
                <manifest>
                  <remote fetch="git@github.com:example-partners/" name="partners"/>
                  <project name="acme" path="partners/acme" remote="partners" revision="main"/>
                  <project name="globex" path="partners/globex" remote="partners" revision="main"/>
                </manifest>
                """);
        for (String id : List.of("acme/acme-1", "globex/globex-eu")) {
            String partner = id.substring(0, id.indexOf('/'));
            Path sub = partners.resolve("partners/" + partner + "/desktop/" + id.substring(id.indexOf('/') + 1));
            write(sub.resolve("repack.cfg"), "dist_id=\"" + partner + "\"\ndist_version=\"1.0\"\nlinux-x86_64=true\n"
                    + "locales=\"de\"\npublish_to_releases=true\n");
            write(sub.resolve("distribution/distribution.ini"), "[Global]\nid=" + partner + "\nversion=1.0\nabout="
                    + partner + "\n");
        }
        return partners;
    }

    private Path builds() throws IOException {
        Path f = Files.createDirectories(dir.resolve("builds/linux-x86_64/de")).resolve("target.tar.xz");
        Files.write(f, SampleRelease.linuxBuild("135.0", "de", "tar.xz", Platform.LINUX64));
        return dir.resolve("builds");
    }

    private RunCommandIT.Result run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--release", RELEASE, "--out", dir.resolve("out").toString(),
                "--keys", dir.resolve("keys").toString(), "--timeout", "PT3M"));
        args.addAll(List.of(extra));
        return relpromo(args.toArray(String[]::new));
    }

    @Test
    void pushesCandidatesAndEachPartnerFromItsLatestRespinAndASecondPushIsANoOp() throws Exception {
        Path partners = partners();
        Path builds = builds();
        Path out = dir.resolve("out");

        RunCommandIT.Result v1 = run("--builds", builds.toString(), "--partners", partners.toString());
        assertThat(v1.code()).as(v1.out() + v1.err()).isZero();
        assertThat(out.resolve(RELEASES)).doesNotExist();

        // the respin's reason: globex changed its distribution
        write(partners.resolve("partners/globex/desktop/globex-eu/distribution/distribution.ini"),
                "[Global]\nid=globex\nversion=2.0\nabout=globex respun\n");
        RunCommandIT.Result v2 = run("--phases", "promote,push", "--builds", builds.toString(), "--partners",
                partners.toString(), "--partner-build-number", "2", "--only-partners", "globex");
        assertThat(v2.code()).as(v2.out() + v2.err()).isZero();
        assertThat(v2.out()).contains("Published under " + out.resolve("pub/firefox/releases"));

        Path candidates = out.resolve(CANDIDATES);
        Path globexV2 = candidates.resolve("partner-repacks/globex/globex-eu/v2/linux-x86_64/de/firefox-135.0.tar.xz");
        Path globexV1 = candidates.resolve("partner-repacks/globex/globex-eu/v1/linux-x86_64/de/firefox-135.0.tar.xz");
        Path acmeV1 = candidates.resolve("partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-135.0.tar.xz");
        assertThat(globexV2).exists();
        Path releasedGlobex = out.resolve(RELEASES + "partners/globex/globex-eu/135.0/linux-x86_64/de/firefox-135.0.tar.xz");
        Path releasedAcme = out.resolve(RELEASES + "partners/acme/acme-1/135.0/linux-x86_64/de/firefox-135.0.tar.xz");
        assertThat(Digests.sha512Hex(releasedGlobex)).as("globex from v2").isEqualTo(Digests.sha512Hex(globexV2));
        assertThat(Files.readAllBytes(globexV2)).as("a respin is another archive").isNotEqualTo(
                Files.readAllBytes(globexV1));
        assertThat(Digests.sha512Hex(releasedAcme)).as("acme from v1").isEqualTo(Digests.sha512Hex(acmeV1));
        assertThat(releasedGlobex.resolveSibling("firefox-135.0.tar.xz.asc")).exists();
        assertThat(out.resolve(RELEASES + "135.0/KEY")).exists();
        try (Stream<Path> released = Files.walk(out.resolve(RELEASES + "135.0"))) {
            assertThat(released.filter(Files::isRegularFile).map(p -> p.toString()))
                    .noneMatch(p -> p.contains("partner-repacks") || p.endsWith(".checksums"));
        }
        Map<String, String> before = hashes(out.resolve(RELEASES));

        RunCommandIT.Result again = run("--phases", "push");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(hashes(out.resolve(RELEASES))).isEqualTo(before);
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(f).toString(), Digests.sha512Hex(f) + " " + Files.getLastModifiedTime(f));
            }
        }
        return hashes;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
