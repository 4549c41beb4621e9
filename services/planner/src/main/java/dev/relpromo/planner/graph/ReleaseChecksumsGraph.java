package dev.relpromo.planner.graph;

import dev.relpromo.events.Phase;
import dev.relpromo.events.ReleaseName;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.kinds.Kinds;
import dev.relpromo.events.kinds.TaskKind;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.ChecksumsParams;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.SigningParams;
import dev.relpromo.events.params.TaskParams;
import java.util.ArrayList;
import java.util.List;

/**
 * The release checksums (reference §4): {@code release-generate-checksums} after every beetmover and
 * beetmover-checksums task of the plan, then {@code release-generate-checksums-signing}, then
 * {@code release-generate-checksums-beetmover}. One task each per release; the labels are the kind names.
 *
 * <p>Only a full promote plans them (partner build number 1, no {@code release_partners} subset): the SUMS files
 * of a build directory are written once, over everything the promote published. A respin publishes more files but
 * must not rewrite the SUMS (the store would refuse different bytes), and the real pipeline plans respins without
 * generate-checksums too.
 */
public final class ReleaseChecksumsGraph {
    private ReleaseChecksumsGraph() {
    }

    /** {@code tasks}, followed by the three release checksums tasks when this is a full promote with beetmovers. */
    public static List<TaskDefined> addTo(List<TaskDefined> tasks, ReleaseName release, int partnerBuildNumber,
                                          boolean partnerSubset) {
        List<String> upstreams = tasks.stream().filter(ReleaseChecksumsGraph::publishes).map(TaskDefined::taskId)
                .toList();
        if (partnerBuildNumber != 1 || partnerSubset || upstreams.isEmpty()) {
            return tasks;
        }
        String name = release.toString();
        ReleaseRef ref = new ReleaseRef(release.productPath(), release.version(), release.buildNumber());
        TaskDefined generate = task(name, Kinds.RELEASE_GENERATE_CHECKSUMS, upstreams,
                new ChecksumsParams(ref, null, null));
        TaskDefined signing = task(name, Kinds.RELEASE_GENERATE_CHECKSUMS_SIGNING, List.of(generate.taskId()),
                new SigningParams(ref, null, null));
        TaskDefined beetmover = task(name, Kinds.RELEASE_GENERATE_CHECKSUMS_BEETMOVER, List.of(signing.taskId()),
                new BeetmoverParams(ref, null, null));
        List<TaskDefined> all = new ArrayList<>(tasks);
        all.add(generate);
        all.add(signing);
        all.add(beetmover);
        return all;
    }

    /** Every beetmover (partner, EME-free, attribution) and the EME-free beetmover-checksums. */
    private static boolean publishes(TaskDefined task) {
        return task.service() == Service.BEETMOVER || task.kind().equals(Kinds.EME_FREE_BEETMOVER_CHECKSUMS.name());
    }

    private static TaskDefined task(String release, TaskKind kind, List<String> upstreams, TaskParams params) {
        return new TaskDefined(release, Phase.PROMOTE, TaskIds.of(release, kind.name()), kind.name(), kind.name(),
                kind.owner(), null, upstreams, params);
    }
}
