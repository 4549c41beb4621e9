package dev.relpromo.events;

import java.util.List;

/**
 * A task's attempt failed for good (after retries of transient errors). {@code input} says which record caused it
 * ({@code topic/partition@offset}); {@code inputArtifacts} are the upstream artifacts it was working on.
 */
public record TaskFailed(
        String release,
        Phase phase,
        String taskId,
        String label,
        String kind,
        int attempt,
        String error,
        String errorType,
        String input,
        List<String> inputArtifacts) {
}
