package dev.relpromo.planner;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.kinds.BeetmoverScopes;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.PushPartner;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.planner.attribution.AttributionConfig;
import dev.relpromo.planner.attribution.AttributionConfigParser;
import dev.relpromo.planner.attribution.AttributionEntry;
import dev.relpromo.planner.attribution.AttributionJobs;
import dev.relpromo.planner.attribution.AttributionPlan;
import dev.relpromo.planner.config.PartnerConfig;
import dev.relpromo.planner.config.PartnerConfigSource;
import dev.relpromo.planner.config.RepackPath;
import dev.relpromo.planner.config.SubConfig;
import dev.relpromo.planner.graph.AttributionGraph;
import dev.relpromo.planner.graph.PromoteGraph;
import dev.relpromo.planner.graph.ReleaseChecksumsGraph;
import dev.relpromo.planner.graph.Repack;
import dev.relpromo.planner.promotion.PromoteRecord;
import dev.relpromo.planner.promotion.PromoteRecords;
import dev.relpromo.planner.rules.SelectedSubConfig;
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
import java.util.Comparator;
import java.util.TreeMap;
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
    private final String beetmoverBucket;

    public Planner(PartnerConfigSource source, ArtifactStore store) {
        this(source, store, EnablementThresholds.DEFAULTS);
    }

    public Planner(PartnerConfigSource source, ArtifactStore store, EnablementThresholds thresholds) {
        this(source, store, thresholds, null, BeetmoverScopes.RELEASE_BUCKET);
    }

    private Planner(PartnerConfigSource source, ArtifactStore store, EnablementThresholds thresholds,
                    Path attributionConfig, String beetmoverBucket) {
        this.source = source;
        this.store = store;
        this.rules = new EnablementRules(thresholds);
        this.thresholds = thresholds;
        this.attributionConfig = attributionConfig;
        if (beetmoverBucket == null || !beetmoverBucket.matches(BeetmoverScopes.RESOURCE_PATTERN)) {
            throw new IllegalArgumentException("beetmover bucket '" + beetmoverBucket + "' must match "
                    + BeetmoverScopes.RESOURCE_PATTERN);
        }
        this.beetmoverBucket = beetmoverBucket;
    }

    /** The same planner, giving every beetmover task the bucket scope of {@code bucket} ({@code release}, {@code dep}). */
    public Planner withBeetmoverBucket(String bucket) {
        return new Planner(source, store, thresholds, attributionConfig, bucket);
    }

    /**
     * The same planner, also planning partner attribution from {@code attributionConfig} (an
     * {@code attribution_config.yml}) whenever attribution is enabled (by default with partner repacks, never
     * for ESR); read at every plan, like the partner
     * configuration, and validated before any task exists.
     */
    public Planner withAttribution(Path attributionConfig) {
        return new Planner(source, store, thresholds, attributionConfig, beetmoverBucket);
    }

    /**
     * Plans one phase.
     *
     * @throws UnsupportedPhaseException for ship (not planned by this version yet)
     * @throws PlannerException          for an invalid request or partner configuration (permanent; do not retry)
     * @throws IOException               when a snapshot or promote record cannot be stored or read (worth a retry)
     */
    public PhasePlan plan(PromotionRequested request) throws IOException {
        if (request.phase() == Phase.PUSH) {
            return planPush(request);
        }
        if (request.phase() != Phase.PROMOTE) {
            throw new UnsupportedPhaseException(request.phase());
        }
        ReleaseName release = releaseName(request);
        int partnerBuildNumber = request.partnerBuildNumber();
        if (partnerBuildNumber < 1) {
            throw new InvalidRequestException("release_partner_build_number must be 1 or more, not " + partnerBuildNumber);
        }
        Enablement enablement = rules.decide(request, release);
        if (enablement.attribution().enabled() && enablement.attribution().explicit() && attributionConfig == null) {
            // like the real action's "Can't enable ... when no config url found"
            throw new InvalidRequestException(enablement.attribution().reason()
                    + " but this planner has no attribution config (set 'attribution')");
        }
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
        if (attributionConfig != null && enablement.attribution().enabled()) {
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
        PhasePlan plan = plan(request, release, withScopes(tasks), config.configHash(), enablement, skipped);
        if (!plan.tasks().isEmpty()) {
            PromoteRecords.store(store, release, promoteRecord(request, release, plan, repacks, snapshots));
        }
        return plan;
    }

    /**
     * The push phase, from the promote records alone (never the partner configuration, which may have changed
     * since): one push-to-releases task listing each {@code publish_to_releases} sub-config with the highest partner
     * build it was promoted in, so a v2 respin of one partner publishes it from v2 and the others from v1.
     */
    private PhasePlan planPush(PromotionRequested request) throws IOException {
        ReleaseName release = releaseName(request);
        List<PromoteRecord> records = PromoteRecords.read(store, release);
        if (records.isEmpty()) {
            throw new InvalidRequestException("no promote record of " + release + " in " + store.describe() + " ("
                    + PromoteRecords.dir(release) + "/): run promote first, on the same artifact store");
        }
        Map<String, PushPartner> partners = new TreeMap<>();
        StringBuilder configs = new StringBuilder();
        for (PromoteRecord record : records) {
            configs.append(record.plan()).append(' ').append(record.configHash()).append('\n');
            for (PromoteRecord.UsedSubConfig used : record.subConfigs()) {
                if (used.publishToReleases() && RepackPath.PARTNER.id().equals(used.path())) {
                    partners.merge(used.id(), new PushPartner(used.partner(), used.subConfig(),
                                    record.partnerBuildNumber()),
                            (a, b) -> a.partnerBuildNumber() >= b.partnerBuildNumber() ? a : b);
                }
            }
        }
        List<PushPartner> published = List.copyOf(partners.values());
        String kind = Kinds.RELEASE_BEETMOVER_PUSH_TO_RELEASE.name();
        // a later respin changes what is published: another task (and plan), not a redefinition of the first one
        String label = published.stream().allMatch(p -> p.partnerBuildNumber() == 1) ? kind
                : kind + "-" + sha256Hex(published.toString()).substring(0, 12);
        ReleaseRef ref = new ReleaseRef(release.productPath(), release.version(), release.buildNumber());
        TaskDefined task = new TaskDefined(release.toString(), Phase.PUSH, TaskIds.of(release.toString(), label),
                label, kind, Service.BEETMOVER, null, List.of(),
                BeetmoverParams.push(ref, BeetmoverScopes.forKind(kind, beetmoverBucket), published));
        String configHash = sha256Hex(configs.toString()).substring(0, 32);
        int partnerBuildNumber = published.stream().mapToInt(PushPartner::partnerBuildNumber).max().orElse(1);
        List<TaskDefined> tasks = List.of(task);
        String plan = planId(configHash, partnerBuildNumber, tasks);
        GraphSealed sealed = new GraphSealed(release.toString(), Phase.PUSH, 1, configHash, partnerBuildNumber, plan);
        Enablement none = new Enablement(null, new Enablement.Decision(false, false, "push phase"),
                new Enablement.Decision(false, false, "push phase"));
        return new PhasePlan(List.of(task.withPlan(plan)), sealed, none, List.of());
    }

    /** Every beetmover task carries exactly its action scope and the configured bucket scope. */
    private List<TaskDefined> withScopes(List<TaskDefined> tasks) {
        return tasks.stream().map(t -> {
            if (t.service() != Service.BEETMOVER || !(t.params() instanceof BeetmoverParams p)
                    || BeetmoverScopes.actionOf(t.kind()).isEmpty()) {
                return t;
            }
            BeetmoverParams scoped = new BeetmoverParams(p.release(), p.repack(), p.partnerPath(),
                    BeetmoverScopes.forKind(t.kind(), beetmoverBucket), p.partners());
            return new TaskDefined(t.release(), t.phase(), t.taskId(), t.label(), t.kind(), t.service(),
                    t.platform(), t.upstreams(), scoped, t.plan());
        }).toList();
    }

    private static PromoteRecord promoteRecord(PromotionRequested request, ReleaseName release, PhasePlan plan,
                                               List<Repack> repacks, Map<String, Artifact> snapshots) {
        Map<String, SelectedSubConfig> used = new LinkedHashMap<>();
        repacks.forEach(r -> used.putIfAbsent(r.subConfig().subConfig().id(), r.subConfig()));
        List<PromoteRecord.UsedSubConfig> subConfigs = new ArrayList<>();
        for (SelectedSubConfig s : used.values()) {
            Artifact snapshot = snapshots.get(s.subConfig().id());
            subConfigs.add(new PromoteRecord.UsedSubConfig(s.partner(), s.name(), s.path().id(),
                    snapshot == null ? null : snapshot.storeKey(), snapshot == null ? null : snapshot.sha512(),
                    s.platforms().stream().map(Platform::buildPlatform).sorted().toList(),
                    s.locales().stream().sorted().toList(), s.publishToReleases(), s.uploadToCandidates()));
        }
        subConfigs.sort(Comparator.comparing(PromoteRecord.UsedSubConfig::path)
                .thenComparing(PromoteRecord.UsedSubConfig::partner)
                .thenComparing(PromoteRecord.UsedSubConfig::subConfig));
        List<String> partners = request.releasePartners() == null ? List.of()
                : request.releasePartners().stream().sorted().distinct().toList();
        return new PromoteRecord(release.toString(), request.partnerBuildNumber(), partners, plan.sealed().plan(),
                plan.sealed().configHash(), subConfigs);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
