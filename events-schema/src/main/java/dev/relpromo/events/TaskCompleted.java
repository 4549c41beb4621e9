package dev.relpromo.events;

import java.util.List;

/** A task's attempt completed with these artifacts. Keyed by task id on the owning service's results topic. */
public record TaskCompleted(
        String release,
        Phase phase,
        String taskId,
        String label,
        String kind,
        int attempt,
        List<Artifact> artifacts) {
}
