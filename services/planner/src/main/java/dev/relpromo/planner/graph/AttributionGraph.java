package dev.relpromo.planner.graph;

import dev.relpromo.events.Phase;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.kinds.TaskKind;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.BuildParams;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.RepackageParams;
import dev.relpromo.events.params.TaskParams;
import dev.relpromo.planner.attribution.AttributionJob;
import dev.relpromo.planner.attribution.AttributionPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The graph rules of partner attribution: per attribution job (config entry × platform × locale) a
 * {@code release-partner-attribution} task that stamps the build's signed installer, and its beetmover. The
 * installer comes from the build's own signing node of that platform and locale, the same external node the repacks
 * start from; one is added when no repack needs it.
 *
 * <p>Labels: {@code <kind>-<build platform>-<campaign>-<content>-<locale>}, with {@code -vN} for a respin, in the
 * style of the repack labels. Jobs come sorted from {@link dev.relpromo.planner.attribution.AttributionJobs}, so the
 * same config gives the same tasks in the same order.
 */
public final class AttributionGraph {
    private AttributionGraph() {
    }

    /** {@code tasks} followed by the external signing nodes they lack and the attribution tasks of {@code plan}. */
    public static List<TaskDefined> addTo(List<TaskDefined> tasks, ReleaseName release, int partnerBuildNumber,
                                          AttributionPlan plan) {
        String releaseName = release.toString();
        ReleaseRef releaseRef = new ReleaseRef(release.productPath(), release.version(), release.buildNumber());
        Set<String> ids = new LinkedHashSet<>();
        tasks.forEach(t -> ids.add(t.taskId()));
        List<TaskDefined> signing = new ArrayList<>();
        List<TaskDefined> attribution = new ArrayList<>();
        List<TaskDefined> beetmover = new ArrayList<>();
        String suffix = partnerBuildNumber > 1 ? "-v" + partnerBuildNumber : "";
        for (AttributionJob job : plan.jobs()) {
            String build = TaskIds.buildSigningLabel(job.platform(), job.locale());
            if (ids.add(TaskIds.of(releaseName, build))) {
                signing.add(task(releaseName, build, Kinds.BUILD_SIGNING, job, List.of(),
                        new BuildParams(releaseRef, job.locale())));
            }
            RepackRef ref = new RepackRef(RepackRef.ATTRIBUTION, job.campaign() + "/" + job.content() + "/"
                    + job.locale(), job.campaign(), job.content(), job.locale(), partnerBuildNumber);
            String name = job.platform().buildPlatform() + "-" + job.campaign() + "-" + job.content() + "-"
                    + job.locale() + suffix;
            String attribute = Kinds.PARTNER_ATTRIBUTION.name() + "-" + name;
            attribution.add(task(releaseName, attribute, Kinds.PARTNER_ATTRIBUTION, job, List.of(build),
                    new RepackageParams(releaseRef, ref, job.code().value())));
            beetmover.add(task(releaseName, Kinds.PARTNER_ATTRIBUTION_BEETMOVER.name() + "-" + name,
                    Kinds.PARTNER_ATTRIBUTION_BEETMOVER, job, List.of(attribute),
                    new BeetmoverParams(releaseRef, ref, job.partnerPath())));
        }
        List<TaskDefined> all = new ArrayList<>(tasks);
        all.addAll(signing);
        all.addAll(attribution);
        all.addAll(beetmover);
        return all;
    }

    private static TaskDefined task(String release, String label, TaskKind kind, AttributionJob job,
                                    List<String> upstreamLabels, TaskParams params) {
        return new TaskDefined(release, Phase.PROMOTE, TaskIds.of(release, label), label, kind.name(), kind.owner(),
                job.platform(), upstreamLabels.stream().map(l -> TaskIds.of(release, l)).toList(), params);
    }
}
