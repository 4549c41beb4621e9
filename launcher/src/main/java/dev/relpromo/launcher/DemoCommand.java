package dev.relpromo.launcher;

import dev.relpromo.kit.layout.CandidatesLayout;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.kit.store.Trees;
import dev.relpromo.kit.work.BuildSources;
import dev.relpromo.events.Phase;
import dev.relpromo.events.ReleaseName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import dev.relpromo.planner.attribution.AttributionConfigParser;
import dev.relpromo.planner.attribution.AttributionJobs;
import dev.relpromo.planner.attribution.SkippedAttribution;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the main job on the embedded default: start a Kafka broker and every service in this process,",
                "generate a sample release (Linux, mac, win32 and win64 builds; two partners with three sub-configs;",
                "partner attribution),",
                "submit its build-completed events and follow the automatic promote phase to the published files."})
final class DemoCommand implements Callable<Integer> {
    static final String MARKER = ".relpromo-demo";

    @Option(names = "--dir", defaultValue = "relpromo-demo", description = "Where everything goes (recreated on each run). Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "Give up after this long (ISO-8601). Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--http-port", defaultValue = "0", description = "Status API port while the demo runs (0: any free port).")
    int httpPort;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        prepare(dir);
        Path partners = dir.resolve("partners");
        SampleRelease.writePartnerConfig(partners);
        Path attribution = SampleRelease.writeAttributionConfig(dir.resolve("attribution_config.yml"));
        String release = SampleRelease.RELEASE;
        System.out.println("relpromo demo: " + release + " in " + dir.toAbsolutePath());
        System.out.println("  partner configuration: " + partners.toAbsolutePath());
        System.out.println("  partner attribution:   " + attribution.toAbsolutePath());
        long start = System.nanoTime();
        Stack.Options options = new Stack.Options(dir.resolve("data"), dir.resolve("store").toString(), dir.resolve("keys"),
                kafka.bootstrap(), kafka.client(), partners, true, httpPort, kafka.instanceId, 2,
                BuildSources.none(), kafka.replication()); // the sample builds are published into the store
        try (Stack stack = new Stack(options).settings(Map.of("attribution", attribution.toString())).start()) {
            System.out.printf("  stack up in %.1f s: Kafka %s, status API %s%n", (System.nanoTime() - start) / 1e9,
                    stack.bootstrapServers(), stack.statusUri() == null ? "off" : stack.statusUri() + "/api/releases/" + release);
            if (stack.artifactsUri() != null) {
                System.out.println("  artifacts over HTTP (with Range): " + stack.artifactsUri());
            }
            List<BuildCompleted> builds = SampleRelease.publishBuilds(stack.store(), release, dir.resolve("keys"),
                    dir.resolve("builds"));
            stack.submitBuilds(builds);
            System.out.println("  submitted " + builds.size() + " build-completed events; the planner promotes automatically\n");
            RunTracker.Outcome outcome = new RunTracker(stack.graph(), release, Phase.PROMOTE, stack.canRun(), System.out)
                    .await(timeout, 1);
            ReleaseName name = ReleaseName.parse(release);
            CandidatesLayout layout = new CandidatesLayout(name);
            String candidates = layout.buildDir();
            int code = Outcomes.report(outcome, stack.store(), candidates + "/partner-repacks", System.out);
            System.out.println();
            System.out.println("Notes (what this local run cannot do):");
            System.out.println("  - mac bundles carry the local signing backend's signed manifest: NOT an Apple code signature,");
            System.out.println("    and no Apple notarization took place (each bundle's notarization.json in the store says so)");
            System.out.println("  - installers start with a stand-in SFX stub (a valid, signed PE that cannot self-extract);");
            System.out.println("    give the real 7zSD.sfx with 'relpromo run --sfx-stub FILE' or relpromo.repackage.sfx-stub");
            AttributionJobs.expand(AttributionConfigParser.parse(attribution), name, Map.of()).skipped().stream()
                    .filter(s -> s.reason() == SkippedAttribution.Reason.MAC_NOT_SUPPORTED)
                    .forEach(s -> System.out.println("  - attribution skipped: " + s.describe()));
            System.out.printf("%nDone in %.1f s. Verify a signature with:%n  gpg --import %s && gpg --verify <file>.asc <file>%n",
                    (System.nanoTime() - start) / 1e9, dir.resolve("store").resolve(layout.publicKey()).toAbsolutePath());
            return code;
        }
    }

    /** Recreates the demo directory, refusing to delete a directory the demo did not create. */
    static void prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            boolean empty;
            try (var s = Files.list(dir)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw new IllegalArgumentException(dir.toAbsolutePath() + " exists and was not made by 'relpromo demo'; "
                        + "choose another --dir");
            }
            Trees.delete(dir);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "made by relpromo demo; deleted and recreated on every run\n");
    }
}
