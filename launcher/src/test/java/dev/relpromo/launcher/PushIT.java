package dev.relpromo.launcher;

import static dev.relpromo.launcher.RunCommandIT.relpromo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.planner.Planner;
import dev.relpromo.planner.config.PartnerConfigSource;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
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
 * The push phase end to end on one store: on one embedded stack, promote v1 of two publish_to_releases partners, a v2
 * respin of one of them, then {@code relpromo promote --phase push}; then {@code relpromo run --phases push} from a
 * fresh process and Kafka log (it finds the promote records in the store) changes nothing. Linux only, one locale.
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
        List<String> args = new ArrayList<>(List.of("run", "--release", RELEASE, "--out", dir.resolve("store").toString(),
                "--keys", dir.resolve("keys").toString(), "--timeout", "PT3M"));
        args.addAll(List.of(extra));
        return relpromo(args.toArray(String[]::new));
    }

    private static PromotionRequested promote(int partnerBuildNumber, List<String> partners) {
        return new PromotionRequested(RELEASE, Phase.PROMOTE, null, null, null, null, partnerBuildNumber, partners,
                null, "push-it");
    }

    /** The distinct task ids of these promote plans (the build-signing nodes are shared). */
    private int taskCount(Path partners, PromotionRequested... requests) throws IOException {
        Planner planner = new Planner(PartnerConfigSource.directory(partners),
                new FileSystemArtifactStore(Files.createDirectories(dir.resolve("scratch"))));
        Set<String> ids = new HashSet<>();
        for (PromotionRequested r : requests) {
            planner.plan(r).tasks().forEach(t -> ids.add(t.taskId()));
        }
        return ids.size();
    }

    private static void await(Stack stack, Phase phase, int tasks) throws InterruptedException {
        RunTracker.Outcome outcome = new RunTracker(stack.graph(), RELEASE, phase, stack.canRun(),
                new PrintStream(OutputStream.nullOutputStream())).await(Duration.ofMinutes(3), tasks);
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.complete()).as(phase + " complete").isTrue();
    }

    @Test
    void pushesCandidatesAndEachPartnerFromItsLatestRespinAndASecondPushIsANoOp() throws Exception {
        Path partners = partners();
        Path builds = builds();
        Path data = dir.resolve("data");
        Path store = dir.resolve("store");
        Stack.Options options = new Stack.Options(data.resolve("state"), store.toString(), LinuxRelease.sharedKeys(), null, Map.of(),
                partners, false, 0, "push-it", 1, UpCommand.buildSources(List.of(builds.toString()), null));
        Map<String, String> before;
        try (Stack stack = new Stack(options).start()) {
            new Endpoints(stack.bootstrapServers(), stack.statusUri()).write(data);
            stack.submitBuilds(BuildsDirectory.scan(builds, RELEASE));
            stack.requestPromotion(promote(1, null));
            await(stack, Phase.PROMOTE, taskCount(partners, promote(1, null)));
            // the respin's reason: globex changed its distribution
            write(partners.resolve("partners/globex/desktop/globex-eu/distribution/distribution.ini"),
                    "[Global]\nid=globex\nversion=2.0\nabout=globex respun\n");
            stack.requestPromotion(promote(2, List.of("globex")));
            await(stack, Phase.PROMOTE, taskCount(partners, promote(1, null), promote(2, List.of("globex"))));
            assertThat(store.resolve(RELEASES)).doesNotExist();

            RunCommandIT.Result push = relpromo("promote", "--data", data.toString(), "--release", RELEASE,
                    "--phase", "push");
            assertThat(push.code()).as(push.out() + push.err()).isZero();
            await(stack, Phase.PUSH, 1);

            Path candidates = store.resolve(CANDIDATES);
            Path globexV2 = candidates.resolve("partner-repacks/globex/globex-eu/v2/linux-x86_64/de/firefox-135.0.tar.xz");
            Path globexV1 = candidates.resolve("partner-repacks/globex/globex-eu/v1/linux-x86_64/de/firefox-135.0.tar.xz");
            Path acmeV1 = candidates.resolve("partner-repacks/acme/acme-1/v1/linux-x86_64/de/firefox-135.0.tar.xz");
            Path releasedGlobex = store.resolve(RELEASES
                    + "partners/globex/globex-eu/135.0/linux-x86_64/de/firefox-135.0.tar.xz");
            Path releasedAcme = store.resolve(RELEASES + "partners/acme/acme-1/135.0/linux-x86_64/de/firefox-135.0.tar.xz");
            assertThat(Digests.sha512Hex(globexV2)).as("a respin is another archive")
                    .isNotEqualTo(Digests.sha512Hex(globexV1));
            assertThat(Digests.sha512Hex(releasedGlobex)).as("globex from v2").isEqualTo(Digests.sha512Hex(globexV2));
            assertThat(Digests.sha512Hex(releasedAcme)).as("acme from v1").isEqualTo(Digests.sha512Hex(acmeV1));
            assertThat(releasedGlobex.resolveSibling("firefox-135.0.tar.xz.asc")).exists();
            assertThat(store.resolve(RELEASES + "135.0/KEY")).exists();
            try (Stream<Path> released = Files.walk(store.resolve(RELEASES + "135.0"))) {
                assertThat(released.filter(Files::isRegularFile).map(Path::toString))
                        .noneMatch(p -> p.contains("partner-repacks") || p.endsWith(".checksums"));
            }
            before = hashes(store.resolve(RELEASES));
        }

        // days later: a new process, a fresh Kafka log; the promote records in the store are all it needs
        RunCommandIT.Result again = run("--phases", "push");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Published under pub/firefox/releases in ",
                "partners/globex/globex-eu/135.0/linux-x86_64/de/firefox-135.0.tar.xz");
        assertThat(hashes(store.resolve(RELEASES))).isEqualTo(before);
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
