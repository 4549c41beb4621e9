package dev.relpromo.events;

import java.util.List;
import java.util.Map;

/**
 * Progress of one (release, phase): task counts by state in total and per kind, and the failed tasks with their
 * errors. Published to the compacted status topic keyed by {@code release/phase} on every change.
 */
public record PhaseStatus(
        String release,
        Phase phase,
        boolean sealed,
        int taskCount,
        String configHash,
        Counts total,
        Map<String, Counts> kinds,
        List<FailedTask> failed,
        boolean complete) {

    /**
     * Task counts by state. {@code pending}: waiting on upstreams; {@code running}: work dispatched, no result yet;
     * {@code completed}; {@code failed}.
     */
    public record Counts(int pending, int running, int completed, int failed) {
        public int total() {
            return pending + running + completed + failed;
        }
    }

    public record FailedTask(String taskId, String label, String kind, int attempt, String error, String input) {
    }
}
