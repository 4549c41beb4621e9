package dev.relpromo.planner;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.planner.attribution.AttributionConfig;
import dev.relpromo.planner.attribution.AttributionConfigParser;
import dev.relpromo.planner.attribution.AttributionEntry;
import dev.relpromo.planner.attribution.AttributionJobs;
import dev.relpromo.planner.attribution.AttributionPlan;
import dev.relpromo.planner.config.PartnerConfig;
import dev.relpromo.planner.config.PartnerConfigSource;
import dev.relpromo.planner.config.SubConfig;
import dev.relpromo.planner.graph.AttributionGraph;
import dev.relpromo.planner.graph.PromoteGraph;
import dev.relpromo.planner.graph.ReleaseChecksumsGraph;
import dev.relpromo.planner.graph.Repack;
import dev.relpromo.planner.rules.Enablement;
import dev.relpromo.planner.rules.EnablementRules;
import dev.relpromo.planner.rules.EnablementThresholds;
import dev.relpromo.planner.rules.RepackSelection;
import dev.relpromo.planner.snapshot.PartnerConfigSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The promotion action: turns a {@link PromotionRequested} into the complete task graph of the phase.
 *
 * <p>All checks (request, enablement, partner configuration, inline config, subset) run before any task exists,
 * so the caller gets a complete plan or an exception, never half a graph. The only side effect is storing the
 * sub-config snapshots, which are content-addressed and therefore idempotent.
 */
public final class Planner {
    /** The seal's config hash when no repack path is enabled and no partner configuration was read. */
    public static final String NO_PARTNER_CONFIG = "none";

    private final PartnerConfigSource source;
    private final ArtifactStore store;
    private final EnablementRules rules;
    private final EnablementThresholds thresholds;
    private final Path attributionConfig;

    public Planner(PartnerConfigSource source, ArtifactStore store) {
        this(source, store, EnablementThresholds.DEFAULTS);
    }

    public Planner(PartnerConfigSource source, ArtifactStore store, EnablementThresholds thresholds) {
        this(source, store, thresholds, null);
    }

    private Planner(PartnerConfigSource source, ArtifactStore store, EnablementThresholds thresholds,
                    Path attributionConfig) {
        this.source = source;
        this.store = store;
        this.rules = new EnablementRules(thresholds);
        this.thresholds = thresholds;
        this.attributionConfig = attributionConfig;
    }

    /**
     * The same planner, also planning partner attribution from {@code attributionConfig} (an
     * {@code attribution_config.yml}) whenever partner repacks are enabled; read at every plan, like the partner
     * configuration, and validated before any task exists.
     */
    public Planner withAttribution(Path attributionConfig) {
        return new Planner(source, store, thresholds, attributionConfig);
    }

    /**
     * Plans one phase.
     *
     * @throws UnsupportedPhaseException for push and ship (not planned by this version yet)
     * @throws PlannerException          for an invalid request or partner configuration (permanent; do not retry)
     * @throws IOException               when a snapshot cannot be stored (worth a retry)
     */
    public PhasePlan plan(PromotionRequested request) throws IOException {
        if (request.phase() != Phase.PROMOTE) {
            throw new UnsupportedPhaseException(request.phase());
        }
        ReleaseName release = releaseName(request);
        int partnerBuildNumber = request.partnerBuildNumber();
        if (partnerBuildNumber < 1) {
            throw new InvalidRequestException("release_partner_build_number must be 1 or more, not " + partnerBuildNumber);
        }
        Enablement enablement = rules.decide(request, release);
        boolean subset = request.releasePartners() != null && !request.releasePartners().isEmpty();
        if (!enablement.any() && !subset) {
            // nothing to repack: do not read (and fail on) a partner configuration that is not needed
            return plan(request, release, List.of(), NO_PARTNER_CONFIG, enablement, List.of());
        }
        PartnerConfig config = source.load();
        RepackSelection selection = RepackSelection.resolve(config, enablement, request.releasePartners(),
                request.releasePartnerConfig());
        List<Repack> repacks = Repack.expand(selection.subConfigs());
        Map<String, Artifact> snapshots = storeSnapshots(repacks);
        List<TaskDefined> tasks = PromoteGraph.tasks(release, enablement.releaseType(), partnerBuildNumber, repacks,
                snapshots);
        List<String> skipped = new ArrayList<>(selection.skipped());
        if (attributionConfig != null && enablement.partnerRepack().enabled()) {
            AttributionConfig attribution = AttributionConfigParser.parse(attributionConfig);
            if (subset) {
                attribution = attribution.withCampaigns(request.releasePartners());
            }
            AttributionPlan jobs = AttributionJobs.expand(attribution, release, partnerBuildNumber,
                    everyConfiguredLocale(attribution));
            tasks = AttributionGraph.addTo(tasks, release, partnerBuildNumber, jobs);
            jobs.skipped().forEach(s -> skipped.add("attribution " + s.describe()));
        }
        // after every beetmover above; only for a full promote (see ReleaseChecksumsGraph)
        tasks = ReleaseChecksumsGraph.addTo(tasks, release, partnerBuildNumber, subset);
        return plan(request, release, tasks, config.configHash(), enablement, skipped);
    }

    /**
     * Attribution is planned for every platform and locale the config names: whether the build has a signed
     * installer for it is only known when its build-completed event arrives, and a missing one fails that task with
     * a message naming it, like a missing build fails its repack.
     */
    private static Map<Platform, List<String>> everyConfiguredLocale(AttributionConfig config) {
        Map<Platform, List<String>> locales = new EnumMap<>(Platform.class);
        for (AttributionEntry entry : config.entries()) {
            entry.platforms().forEach(p -> locales.computeIfAbsent(p, k -> new ArrayList<>()).addAll(entry.locales()));
        }
        return locales;
    }

    private static PhasePlan plan(PromotionRequested request, ReleaseName release, List<TaskDefined> tasks,
                                  String configHash, Enablement enablement, List<String> skipped) {
        requireUniqueTaskIds(tasks);
        String plan = planId(configHash, request.partnerBuildNumber(), tasks);
        GraphSealed sealed = new GraphSealed(release.toString(), request.phase(), tasks.size(), configHash,
                request.partnerBuildNumber(), plan);
        return new PhasePlan(tasks.stream().map(t -> t.withPlan(plan)).toList(), sealed, enablement, skipped);
    }

    /**
     * The plan's id: the first 16 bytes (32 hex digits) of sha256 over the config hash, the partner build number
     * and the sorted task ids. The same promotion planned again (a replay, a rewind after an abort) gets the same id
     * and therefore changes nothing; another partner subset or config is another plan, completed on its own.
     */
    public static String planId(String configHash, int partnerBuildNumber, List<TaskDefined> tasks) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder text = new StringBuilder(configHash).append('\n').append(partnerBuildNumber).append('\n');
        tasks.stream().map(TaskDefined::taskId).sorted().forEach(id -> text.append(id).append('\n'));
        byte[] digest = sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    static ReleaseName releaseName(PromotionRequested request) {
        try {
            return ReleaseName.parse(request.release());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** Snapshots exactly the sub-configs that produce repacks. */
    private Map<String, Artifact> storeSnapshots(List<Repack> repacks) throws IOException {
        Map<String, SubConfig> used = new LinkedHashMap<>();
        repacks.forEach(r -> used.putIfAbsent(r.subConfig().subConfig().id(), r.subConfig().subConfig()));
        Map<String, Artifact> snapshots = new LinkedHashMap<>();
        for (Map.Entry<String, SubConfig> e : used.entrySet()) {
            snapshots.put(e.getKey(), PartnerConfigSnapshot.store(e.getValue(), store));
        }
        return snapshots;
    }

    /** Labels are unique by construction; a duplicate would silently merge two tasks in the graph. */
    private static void requireUniqueTaskIds(List<TaskDefined> tasks) {
        Set<String> ids = new HashSet<>();
        for (TaskDefined t : tasks) {
            if (!ids.add(t.taskId())) {
                throw new IllegalStateException("duplicate task id " + t.taskId());
            }
        }
    }
}
