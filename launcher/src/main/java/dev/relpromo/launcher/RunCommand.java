package dev.relpromo.launcher;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.kit.layout.CandidatesLayout;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.ArtifactStores;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.kit.store.Trees;
import dev.relpromo.kit.work.BuildSources;
import dev.relpromo.planner.PhasePlan;
import dev.relpromo.planner.Planner;
import dev.relpromo.planner.PlannerException;
import dev.relpromo.planner.config.PartnerConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"One shot on the embedded stack: promote a release from a directory of signed builds and a",
                "partner configuration, publish into --store, print a summary. Exit 0 only if every runnable task completed."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--release", required = true, paramLabel = "Product-version-buildN", description = "e.g. Firefox-135.0-build1")
    String release;

    @Option(names = "--phases", split = ",", defaultValue = "promote", paramLabel = "promote[,push]",
            description = {"The phases to run, in order: promote, push or promote,push. push copies the candidates",
                    "of an earlier promote on the same --out (found in its promote records) to releases.",
                    "Default: ${DEFAULT-VALUE}"})
    List<String> phases;

    @Option(names = "--builds", paramLabel = "DIR", description = "<ftp_platform>/<locale>/target.<ext> (promote only)")
    Path builds;

    @Option(names = "--partners", paramLabel = "DIR|a,b",
            description = {"The partner configuration directory; given again with a comma-separated list of partner",
                    "names (or use --only-partners), it also selects a subset of partners (release_partners)."})
    List<String> partners;

    @Option(names = "--only-partners", split = ",", paramLabel = "a,b", description = "A subset of partners (release_partners).")
    List<String> onlyPartners = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    StoreLocation storeLocation;

    /** Where the files are published: exactly one of --store and its older alias --out. */
    static final class StoreLocation {
        @Option(names = "--store", required = true, paramLabel = "DIR|s3://BUCKET[/PREFIX]",
                description = {"The artifact store the files are published into: a directory or an S3 bucket",
                        "(RELPROMO_S3_ENDPOINT, RELPROMO_S3_REGION, RELPROMO_S3_PATH_STYLE, AWS credentials)."})
        String store;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The same as --store DIR.")
        Path out;

        String location() {
            return store != null ? store : out.toString();
        }
    }

    @Option(names = "--partner-repack", negatable = true, description = "Force partner repacks on (or off). Default: by release type.")
    Boolean partnerRepack;

    @Option(names = "--eme-free", negatable = true, description = "Force EME-free repacks on (or off). Default: by release type.")
    Boolean emeFree;

    @Option(names = "--partner-build-number", paramLabel = "N", description = "The vN in partner paths (a respin is v2, v3...).")
    Integer partnerBuildNumber;

    @Option(names = "--release-type", paramLabel = "TYPE", description = "beta, release, release-rc or esr. Default: from the version.")
    String releaseType;

    @Option(names = "--keys", paramLabel = "DIR", defaultValue = "${sys:user.home}/.relpromo/keys",
            description = "Every local key and certificate: OpenPGP, the Authenticode CA and code-signing certificate"
                    + " (created on first use). Default: ${DEFAULT-VALUE}")
    Path keys;

    @Option(names = "--eme-free-config", paramLabel = "DIR",
            description = {"EME-free's own partner configuration (a manifest directory like --partners, as the",
                    "mozilla-EME-free-manifest repo): every repo it names is EME-free. Default: the mozilla-EME-free",
                    "repo of --partners."})
    Path emeFreeConfig;

    @Option(names = "--attribution", paramLabel = "FILE",
            description = "An attribution_config.yml: also attribute the builds' signed Windows installers.")
    Path attribution;

    @Option(names = "--sfx-stub", paramLabel = "[PLATFORM=]FILE",
            description = "The 7-Zip SFX stub installers start with (repeatable; PLATFORM is win32, win64 or"
                    + " win64-aarch64). Default: a stand-in that cannot self-extract.")
    List<String> sfxStubs = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after this long (ISO-8601). Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Mixin
    KafkaOptions kafka;

    /** The options that are service settings: the attribution config (planner) and SFX stubs (repackage). */
    private Map<String, String> serviceSettings() {
        Map<String, String> settings = new HashMap<>();
        if (attribution != null) {
            settings.put("attribution", attribution.toAbsolutePath().toString());
        }
        if (emeFreeConfig != null) {
            settings.put("eme-free-config", emeFreeConfig.toAbsolutePath().toString());
        }
        for (String stub : sfxStubs) {
            int eq = stub.indexOf('=');
            String key = eq < 0 ? "repackage.sfx-stub" : "repackage.sfx-stub." + stub.substring(0, eq);
            settings.put(key, Path.of(stub.substring(eq + 1)).toAbsolutePath().toString());
        }
        return settings;
    }

    @Override
    public Integer call() throws Exception {
        ReleaseName name = ReleaseName.parse(release);
        List<Phase> order = phases(phases);
        if (!order.contains(Phase.PROMOTE)) {
            return push(name);
        }
        if (builds == null || partners == null || partners.isEmpty()) {
            throw new IllegalArgumentException("--builds and --partners are required when promote is among the phases");
        }
        boolean push = order.contains(Phase.PUSH);
        Path partnersDir = null;
        List<String> subset = new ArrayList<>(onlyPartners);
        for (String value : partners) {
            if (Files.isDirectory(Path.of(value))) {
                if (partnersDir != null) {
                    throw new IllegalArgumentException("--partners names two directories: " + partnersDir + " and " + value);
                }
                partnersDir = Path.of(value);
            } else {
                Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(subset::add);
            }
        }
        if (partnersDir == null) {
            throw new IllegalArgumentException("--partners must name an existing partner configuration directory (got "
                    + partners + ")");
        }
        PromotionRequested request = new PromotionRequested(release, Phase.PROMOTE, releaseType, emeFree, partnerRepack,
                null, partnerBuildNumber, subset.isEmpty() ? null : List.copyOf(subset), null, "relpromo run");
        List<BuildCompleted> events = BuildsDirectory.scan(builds, release);

        // Every check the planner makes happens here first, so bad input fails before any task exists.
        Path scratch = Files.createTempDirectory("relpromo-run-");
        PhasePlan plan;
        try {
            Planner planner = new Planner(PartnerConfigSource.directories(partnersDir, emeFreeConfig),
                    new FileSystemArtifactStore(scratch.resolve("store")));
            plan = (attribution == null ? planner : planner.withAttribution(attribution)).plan(request);
        } catch (PlannerException e) {
            System.err.println(e.getMessage());
            Trees.delete(scratch);
            return 1;
        }
        System.out.println("relpromo run: " + release + ": " + plan.tasks().size() + " tasks (partner repacks: "
                + plan.enablement().partnerRepack().reason() + "; EME-free: " + plan.enablement().emeFree().reason() + ")");
        plan.skipped().forEach(s -> System.out.println("  skipped " + s));
        try (Stack stack = new Stack(new Stack.Options(scratch.resolve("data"), storeLocation.location(), keys, kafka.bootstrap(),
                kafka.client(), partnersDir, false, -1, kafka.instanceId, 2,
                BuildSources.parse(List.of(builds.toString()), "'relpromo run' reads builds only below --builds"),
                kafka.replication())).settings(serviceSettings()).start()) {
            stack.submitBuilds(events);
            stack.requestPromotion(request);
            RunTracker.Outcome outcome = new RunTracker(stack.graph(), release, Phase.PROMOTE, stack.canRun(), System.out)
                    .await(timeout, plan.tasks().size());
            int promoted = Outcomes.report(outcome, stack.store(), new CandidatesLayout(name).buildDir(), System.out);
            if (promoted != 0 || !push) {
                return promoted;
            }
            return awaitPush(stack, name);
        } finally {
            Trees.delete(scratch);
        }
    }

    /** {@code --phases} as phases: promote, push or promote,push, in that order. */
    static List<Phase> phases(List<String> values) {
        List<Phase> order = new ArrayList<>();
        for (String value : values) {
            Phase phase = switch (value.trim()) {
                case "promote" -> Phase.PROMOTE;
                case "push" -> Phase.PUSH;
                default -> throw new IllegalArgumentException("--phases: '" + value + "' is not a phase this command"
                        + " runs (promote, push)");
            };
            if (order.contains(phase) || (!order.isEmpty() && phase.ordinal() < order.get(order.size() - 1).ordinal())) {
                throw new IllegalArgumentException("--phases must list each phase once, in order (promote,push), not "
                        + values);
            }
            order.add(phase);
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("--phases names no phase");
        }
        return order;
    }

    /**
     * Push alone, from a fresh process and a fresh Kafka log: the planner finds the promote records of an earlier
     * promote in {@code --out} and plans from them, never from a partner configuration.
     */
    private int push(ReleaseName name) throws Exception {
        ArtifactStore store = ArtifactStores.open(storeLocation.location(), serviceSettings(), "local");
        try {
            new Planner(() -> {
                throw new IllegalStateException("push does not read a partner configuration");
            }, store).plan(pushRequest());
        } catch (PlannerException e) {
            System.err.println(e.getMessage());
            return 1;
        } finally {
            if (store instanceof AutoCloseable client) {
                client.close();
            }
        }
        Path scratch = Files.createTempDirectory("relpromo-run-");
        try (Stack stack = new Stack(new Stack.Options(scratch.resolve("data"), storeLocation.location(), keys,
                kafka.bootstrap(),
                kafka.client(), null, false, -1, kafka.instanceId, 2,
                BuildSources.parse(builds == null ? List.of() : List.of(builds.toString()),
                        "'relpromo run' reads builds only below --builds"),
                kafka.replication())).settings(serviceSettings()).start()) {
            return awaitPush(stack, name);
        } finally {
            Trees.delete(scratch);
        }
    }

    private PromotionRequested pushRequest() {
        return new PromotionRequested(release, Phase.PUSH, null, null, null, null, null, null, null, "relpromo run");
    }

    private int awaitPush(Stack stack, ReleaseName name) throws Exception {
        stack.requestPromotion(pushRequest());
        RunTracker.Outcome outcome = new RunTracker(stack.graph(), release, Phase.PUSH, stack.canRun(), System.out)
                .await(timeout, 1);
        // this version only: releases/<version>/... and releases/partners/<partner>/<sub>/<version>/...
        String releases = "pub/" + name.productPath() + "/releases";
        java.util.regex.Pattern thisVersion = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(releases)
                + "/(partners/[^/]+/[^/]+/)?" + java.util.regex.Pattern.quote(name.version()) + "/.*");
        return Outcomes.report(outcome, stack.store(), releases, key -> thisVersion.matcher(key).matches(),
                System.out);
    }
}
