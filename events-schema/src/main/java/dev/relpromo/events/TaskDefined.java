package dev.relpromo.events;

import java.util.List;

/**
 * One node of a release phase's task graph, as the planner defines it. Keyed by release on the graph topic.
 *
 * @param plan the plan this definition belongs to (see {@link GraphSealed}); null in v1 events and inside work items
 */
public record TaskDefined(
        String release,
        Phase phase,
        String taskId,
        String label,
        String kind,
        Service service,
        Platform platform,
        List<String> upstreams,
        TaskParams params,
        String plan) {

    /** A definition outside any plan (v1 events, work items, tests). */
    public TaskDefined(String release, Phase phase, String taskId, String label, String kind, Service service,
                       Platform platform, List<String> upstreams, TaskParams params) {
        this(release, phase, taskId, label, kind, service, platform, upstreams, params, null);
    }

    public TaskDefined withPlan(String plan) {
        return new TaskDefined(release, phase, taskId, label, kind, service, platform, upstreams, params, plan);
    }
}
