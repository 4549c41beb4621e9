package dev.relpromo.planner;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Platform;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.planner.config.PartnerConfig;
import dev.relpromo.planner.config.PartnerConfigLoader;
import dev.relpromo.planner.config.RepackPath;
import dev.relpromo.planner.graph.PromoteGraph;
import dev.relpromo.planner.graph.Repack;
import dev.relpromo.planner.rules.Enablement;
import dev.relpromo.planner.rules.EnablementRules;
import dev.relpromo.planner.rules.EnablementThresholds;
import dev.relpromo.planner.rules.RepackSelection;
import dev.relpromo.planner.rules.SelectedSubConfig;
import dev.relpromo.planner.snapshot.PartnerConfigSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code relpromo check-partners <dir> [--version V]}: validates a partner configuration and tells what it would
 * produce, per path and platform, using the same parser, selection and graph rules as the planner (nothing is
 * stored). Configuration errors are thrown as {@link dev.relpromo.planner.config.PartnerConfigException}, whose
 * message lists them one per line as {@code file:line: message}.
 */
public final class PartnerCheck {
    private PartnerCheck() {
    }

    /** Stands in for the release when no version is given: repacks and task counts do not depend on it. */
    private static final ReleaseName ANY_RELEASE = new ReleaseName("Firefox", "0.0", 1);

    public static Report check(Path dir, String version) {
        return check(PartnerConfigLoader.load(dir), version, EnablementThresholds.DEFAULTS);
    }

    /** @param version a Firefox version such as {@code 130.0} or {@code 131.0b9}, or null */
    public static Report check(PartnerConfig config, String version, EnablementThresholds thresholds) {
        ReleaseName release = version == null ? ANY_RELEASE : releaseOf(version);
        Enablement defaults = version == null ? null : new EnablementRules(thresholds).defaults(release);
        RepackSelection selection = RepackSelection.all(config);
        List<Repack> repacks = Repack.expand(selection.subConfigs());

        Map<String, Artifact> snapshots = new LinkedHashMap<>();
        List<SubConfigSummary> subConfigs = new ArrayList<>();
        for (SelectedSubConfig sub : selection.subConfigs()) {
            Artifact snapshot = PartnerConfigSnapshot.of(sub.subConfig()).asArtifact();
            snapshots.put(sub.subConfig().id(), snapshot);
            subConfigs.add(new SubConfigSummary(sub.path(), sub.subConfig().id(), sub.locales(),
                    new TreeSet<>(sub.platforms()), snapshot.storeKey()));
        }
        Map<RepackPath, Map<Platform, List<String>>> ids = new EnumMap<>(RepackPath.class);
        repacks.forEach(r -> ids.computeIfAbsent(r.path(), p -> new EnumMap<>(Platform.class))
                .computeIfAbsent(r.platform(), p -> new ArrayList<>()).add(r.repackId()));
        List<PathSummary> paths = new ArrayList<>();
        ids.forEach((path, byPlatform) -> {
            List<PlatformSummary> platforms = new ArrayList<>();
            byPlatform.forEach((platform, list) -> platforms.add(new PlatformSummary(platform, list)));
            paths.add(new PathSummary(path, platforms));
        });
        List<TaskDefined> tasks = PromoteGraph.tasks(release, defaults == null ? release.impliedReleaseType()
                : defaults.releaseType(), 1, repacks, snapshots);
        return new Report(config.root(), config.configHash(), version, defaults, subConfigs, paths,
                PromoteGraph.countByKind(tasks), tasks.size(), selection.skipped());
    }

    private static ReleaseName releaseOf(String version) {
        try {
            return ReleaseName.parse("Firefox-" + version + "-build1");
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("version '" + version + "' is not a Firefox version (e.g. 130.0, 131.0b9, 128.3.0esr)");
        }
    }

    public record SubConfigSummary(RepackPath path, String id, List<String> locales, Set<Platform> platforms,
                                   String snapshotKey) {
    }

    public record PlatformSummary(Platform platform, List<String> repackIds) {
        public int count() {
            return repackIds.size();
        }
    }

    public record PathSummary(RepackPath path, List<PlatformSummary> platforms) {
        public int count() {
            return platforms.stream().mapToInt(PlatformSummary::count).sum();
        }
    }

    /**
     * @param defaults     the default enablement for {@code version} (null without a version)
     * @param tasksByKind  promote-phase task counts by kind if both paths run with every partner
     */
    public record Report(Path dir, String configHash, String version, Enablement defaults,
                         List<SubConfigSummary> subConfigs, List<PathSummary> paths, Map<String, Integer> tasksByKind,
                         int taskCount, List<String> skipped) {

        public int repackCount(RepackPath path) {
            return paths.stream().filter(p -> p.path() == path).mapToInt(PathSummary::count).sum();
        }

        public String render() {
            StringBuilder out = new StringBuilder();
            out.append("partner configuration ").append(dir).append(" (").append(configHash).append(")\n");
            if (defaults != null) {
                out.append("Firefox ").append(version).append(" (").append(defaults.releaseType()).append("): ")
                        .append("partner repacks ").append(onOff(defaults.partnerRepack()))
                        .append("; EME-free ").append(onOff(defaults.emeFree())).append('\n');
            }
            for (RepackPath path : RepackPath.values()) {
                out.append('\n').append(path == RepackPath.PARTNER ? "partner path" : "EME-free path")
                        .append(" (").append(path.kindPrefix()).append("): ")
                        .append(repackCount(path)).append(" repacks\n");
                subConfigs.stream().filter(s -> s.path() == path).forEach(s -> out.append("  ").append(s.id())
                        .append(": ").append(s.locales().size()).append(" locales on ")
                        .append(String.join(" ", s.platforms().stream().map(Platform::buildPlatform).toList()))
                        .append("\n    snapshot ").append(s.snapshotKey()).append('\n'));
                paths.stream().filter(p -> p.path() == path).flatMap(p -> p.platforms().stream()).forEach(p -> {
                    out.append("  ").append(p.platform().buildPlatform()).append(": ").append(p.count()).append('\n');
                    p.repackIds().forEach(id -> out.append("    ").append(id).append('\n'));
                });
            }
            if (!skipped.isEmpty()) {
                out.append("\nskipped\n");
                skipped.forEach(s -> out.append("  ").append(s).append('\n'));
            }
            out.append("\npromote tasks with both paths enabled: ").append(taskCount).append('\n');
            tasksByKind.forEach((kind, n) -> out.append("  ").append(kind).append(": ").append(n).append('\n'));
            return out.toString();
        }

        private static String onOff(Enablement.Decision d) {
            return (d.enabled() ? "enabled" : "disabled") + " (" + d.reason() + ")";
        }
    }
}
