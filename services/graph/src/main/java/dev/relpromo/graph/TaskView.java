package dev.relpromo.graph;

import dev.relpromo.events.Phase;

/** One task as the status API shows it. */
public record TaskView(String taskId, String label, String kind, Phase phase, String service, String platform,
                       java.util.List<String> upstreams, String state, int attempt, String error, String input) {
    static TaskView of(TaskNode n) {
        return new TaskView(n.definition.taskId(), n.definition.label(), n.definition.kind(), n.definition.phase(),
                n.definition.service().id(),
                n.definition.platform() == null ? null : n.definition.platform().buildPlatform(),
                n.definition.upstreams(), n.state.name().toLowerCase(java.util.Locale.ROOT), n.attempt, n.error,
                n.errorInput);
    }
}
