package dev.relpromo.planner.graph;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.BuildParams;
import dev.relpromo.events.params.ChecksumsParams;
import dev.relpromo.events.params.ChunkRef;
import dev.relpromo.events.params.GraphParams;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackParams;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.events.params.SigningParams;
import dev.relpromo.events.params.TaskParams;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.kinds.TaskKind;
import dev.relpromo.planner.config.RepackConfig;
import dev.relpromo.planner.config.RepackPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The graph rules of the promote phase's repack stacks. Pure: the same repacks give the same tasks in the same
 * order — external build-signing nodes first, then per path (partner, EME-free) kind by kind in stage order, within
 * a kind by platform and repack id (or chunk number).
 *
 * <p>Labels follow the real pipeline ({@code <kind>-<build_platform>-<repack id with / as ->}, chunked kinds
 * {@code <kind>-<build_platform>-<chunk>}); a partner respin ({@code partner_build_number} N > 1) appends
 * {@code -vN} to every partner-path label so it coexists with v1 in the same release. Kinds and the services that
 * complete them come from the catalogue ({@link Kinds}, through {@link PartnerKind}).
 */
public final class PromoteGraph {
    private final ReleaseName release;
    private final String releaseName;
    private final String releaseType;
    private final int partnerBuildNumber;
    private final Map<String, Artifact> snapshots;

    private PromoteGraph(ReleaseName release, String releaseType, int partnerBuildNumber,
                         Map<String, Artifact> snapshots) {
        this.release = release;
        this.releaseName = release.toString();
        this.releaseType = releaseType;
        this.partnerBuildNumber = partnerBuildNumber;
        this.snapshots = snapshots;
    }

    /**
     * @param releaseType the promotion's release type ({@code beta}, {@code release}, ...): it names stub bouncer products
     * @param repacks     from {@link Repack#expand}
     * @param snapshots   the snapshot artifact of every sub-config used, by {@code partner/sub}
     */
    public static List<TaskDefined> tasks(ReleaseName release, String releaseType, int partnerBuildNumber,
                                          List<Repack> repacks, Map<String, Artifact> snapshots) {
        return new PromoteGraph(release, releaseType, partnerBuildNumber, snapshots).build(repacks);
    }

    private List<TaskDefined> build(List<Repack> repacks) {
        List<Repack> sorted = repacks.stream().sorted(Repack.ORDER).toList();
        List<TaskDefined> tasks = new ArrayList<>(externalSigning(sorted));
        Map<RepackPath, Map<Platform, List<Repack>>> grouped = new EnumMap<>(RepackPath.class);
        for (Repack r : sorted) {
            grouped.computeIfAbsent(r.path(), p -> new EnumMap<>(Platform.class))
                    .computeIfAbsent(r.platform(), p -> new ArrayList<>()).add(r);
        }
        grouped.forEach((path, byPlatform) -> {
            Map<PartnerKind, List<TaskDefined>> byKind = new EnumMap<>(PartnerKind.class);
            byPlatform.forEach((platform, platformRepacks) -> stack(path, platform, platformRepacks, byKind));
            byKind.values().forEach(tasks::addAll);
        });
        return tasks;
    }

    /** The build's signing tasks the repacks start from: one per platform and source locale; completed externally. */
    private List<TaskDefined> externalSigning(List<Repack> repacks) {
        Map<Platform, TreeSet<String>> sources = new TreeMap<>();
        repacks.forEach(r -> sources.computeIfAbsent(r.platform(), p -> new TreeSet<>()).add(r.sourceLocale()));
        List<TaskDefined> tasks = new ArrayList<>();
        sources.forEach((platform, locales) -> locales.forEach(locale -> tasks.add(task(
                TaskIds.buildSigningLabel(platform, locale), Kinds.BUILD_SIGNING, platform, List.of(),
                new BuildParams(releaseRef(), locale)))));
        return tasks;
    }

    /** Every task of one path and platform, added to {@code byKind}. */
    private void stack(RepackPath path, Platform platform, List<Repack> repacks,
                       Map<PartnerKind, List<TaskDefined>> byKind) {
        for (Repack r : repacks) {
            RepackConfig cfg = r.subConfig().subConfig().repackConfig();
            add(byKind, PartnerKind.REPACK, r, List.of(TaskIds.buildSigningLabel(platform, r.sourceLocale())),
                    new RepackParams(releaseRef(), repackRef(r),
                            r.sourceLocale(), snapshot(r),
                            cfg.migrationWizardDisabled(), cfg.distId(),
                            platform == Platform.WIN32 && r.subConfig().repackStubInstaller() ? stubBouncerProduct(r) : null,
                            cfg.replacementSetupExe()));
        }
        Map<String, String> notarizationById = platform.isMac() ? macChunks(path, platform, repacks, byKind) : Map.of();
        for (Repack r : repacks) {
            String signingUpstream;
            if (platform.isLinux()) {
                if (path != RepackPath.PARTNER) {
                    throw new IllegalStateException("EME-free has no Linux repacks: " + r.repackId());
                }
                signingUpstream = add(byKind, PartnerKind.CHUNKING_DUMMY, r, List.of(label(PartnerKind.REPACK, r)),
                        new GraphParams(releaseRef(), repackRef(r)));
            } else {
                String upstream = platform.isMac() ? notarizationById.get(r.repackId()) : label(PartnerKind.REPACK, r);
                signingUpstream = add(byKind, PartnerKind.REPACKAGE, r, List.of(upstream),
                        new RepackageParams(releaseRef(), repackRef(r), null));
            }
            String signing = add(byKind, PartnerKind.REPACKAGE_SIGNING, r, List.of(signingUpstream),
                    new SigningParams(releaseRef(), repackRef(r), null));
            String beetmover = add(byKind, PartnerKind.BEETMOVER, r, List.of(signing),
                    new BeetmoverParams(releaseRef(), repackRef(r), partnerPath(r)));
            if (path == RepackPath.EME_FREE) {
                add(byKind, PartnerKind.BEETMOVER_CHECKSUMS, r, List.of(beetmover),
                        new ChecksumsParams(releaseRef(), repackRef(r), "beetmover-checksums/" + partnerPath(r)));
            }
        }
    }

    /** Mac signing and notarization chunks of ≤ 5 sorted repack ids; returns repack id → its notarization label. */
    private Map<String, String> macChunks(RepackPath path, Platform platform, List<Repack> repacks,
                                          Map<PartnerKind, List<TaskDefined>> byKind) {
        Map<String, String> notarizationById = new HashMap<>();
        List<List<Repack>> chunks = Chunks.chunkify(repacks, Chunks.REPACKS_PER_CHUNK);
        for (int i = 0; i < chunks.size(); i++) {
            List<Repack> chunk = chunks.get(i);
            int number = i + 1;
            List<String> ids = chunk.stream().map(Repack::repackId).toList();
            String signing = chunkLabel(PartnerKind.MAC_SIGNING, path, platform, number);
            add(byKind, PartnerKind.MAC_SIGNING, path, platform, signing,
                    chunk.stream().map(r -> label(PartnerKind.REPACK, r)).toList(), perChunk(path, ids));
            String notarization = chunkLabel(PartnerKind.MAC_NOTARIZATION, path, platform, number);
            add(byKind, PartnerKind.MAC_NOTARIZATION, path, platform, notarization, List.of(signing),
                    perChunk(path, ids));
            ids.forEach(id -> notarizationById.put(id, notarization));
        }
        return notarizationById;
    }

    private String add(Map<PartnerKind, List<TaskDefined>> byKind, PartnerKind kind, Repack r,
                       List<String> upstreamLabels, TaskParams params) {
        return add(byKind, kind, r.path(), r.platform(), label(kind, r), upstreamLabels, params);
    }

    private String add(Map<PartnerKind, List<TaskDefined>> byKind, PartnerKind kind, RepackPath path,
                       Platform platform, String label, List<String> upstreamLabels, TaskParams params) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>())
                .add(task(label, kind.kind(path), platform, upstreamLabels, params));
        return label;
    }

    private TaskDefined task(String label, TaskKind kind, Platform platform, List<String> upstreamLabels,
                             TaskParams params) {
        List<String> upstreams = upstreamLabels.stream().map(l -> TaskIds.of(releaseName, l)).toList();
        return new TaskDefined(releaseName, Phase.PROMOTE, TaskIds.of(releaseName, label), label, kind.name(),
                kind.owner(), platform, upstreams, params);
    }

    private String label(PartnerKind kind, Repack r) {
        return kind.kind(r.path()).name() + "-" + r.platform().buildPlatform() + "-" + r.repackId().replace('/', '-')
                + respinSuffix(r.path());
    }

    private String chunkLabel(PartnerKind kind, RepackPath path, Platform platform, int chunk) {
        return kind.kind(path).name() + "-" + platform.buildPlatform() + "-" + chunk + respinSuffix(path);
    }

    /** EME-free labels never change: EME-free is not respun, and its published path has no version. */
    private String respinSuffix(RepackPath path) {
        return path == RepackPath.PARTNER && partnerBuildNumber > 1 ? "-v" + partnerBuildNumber : "";
    }

    /** Where beetmover publishes below the candidates build directory (beetmover's partner-path rules). */
    private String partnerPath(Repack r) {
        String ftp = r.platform().ftpPlatform();
        return r.path() == RepackPath.PARTNER
                ? "partner-repacks/" + r.subConfig().partner() + "/" + r.subConfig().name() + "/v" + partnerBuildNumber
                + "/" + ftp + "/" + r.locale()
                : ftp + "-EME-free/" + r.locale();
    }

    private Artifact snapshot(Repack r) {
        Artifact snapshot = snapshots.get(r.subConfig().subConfig().id());
        if (snapshot == null) {
            throw new IllegalStateException("no snapshot of sub-config " + r.subConfig().subConfig().id());
        }
        return snapshot;
    }

    /**
     * {@code partner-firefox-<release type>-<partner>-<sub>-latest}, the bouncer product the stub installer downloads;
     * {@code release-rc} stubs download the release product, as in gecko-dev's partner repack transform.
     */
    private String stubBouncerProduct(Repack r) {
        String type = "release-rc".equals(releaseType) ? "release" : releaseType;
        return "partner-" + release.productPath() + "-" + type + "-" + r.subConfig().partner() + "-"
                + r.subConfig().name() + "-latest";
    }

    private ReleaseRef releaseRef() {
        return new ReleaseRef(release.productPath(), release.version(), release.buildNumber());
    }

    private RepackRef repackRef(Repack r) {
        return new RepackRef(r.path().id(), r.repackId(), r.subConfig().partner(), r.subConfig().name(), r.locale(),
                partnerBuildNumber);
    }

    private SigningParams perChunk(RepackPath path, List<String> repackIds) {
        return new SigningParams(releaseRef(), null, new ChunkRef(path.id(), partnerBuildNumber, repackIds));
    }

    /** Task counts by kind, in graph order (for summaries and the check-partners report). */
    public static Map<String, Integer> countByKind(List<TaskDefined> tasks) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        tasks.forEach(t -> counts.merge(t.kind(), 1, Integer::sum));
        return counts;
    }
}
