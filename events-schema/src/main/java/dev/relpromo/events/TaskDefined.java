package dev.relpromo.events;

import java.util.List;

/** One node of a release phase's task graph, as the planner defines it. Keyed by release on the graph topic. */
public record TaskDefined(
        String release,
        Phase phase,
        String taskId,
        String label,
        String kind,
        Service service,
        Platform platform,
        List<String> upstreams,
        TaskParams params) {
}
