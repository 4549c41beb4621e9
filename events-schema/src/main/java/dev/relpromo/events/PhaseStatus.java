package dev.relpromo.events;

import java.util.List;
import java.util.Map;

/**
 * Progress of one (release, phase): task counts by state in total and per kind, and the failed tasks with their
 * errors. Published to the compacted status topic keyed by {@code release/phase} on every change. Bounded so that a
 * release with thousands of failures still fits in one record: at most {@link #MAX_FAILED_LISTED} failures are
 * listed, with errors cut to {@link #MAX_LISTED_ERROR_CHARS}; {@code failedOmitted} counts the failed tasks not listed.
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
        boolean complete,
        Integer failedOmitted) {

    /** At most this many failed tasks are listed; the rest are counted in {@code failedOmitted}. */
    public static final int MAX_FAILED_LISTED = 100;
    /** Each listed error is cut to this many characters (the task itself keeps {@link Bounded#MAX_ERROR_CHARS}). */
    public static final int MAX_LISTED_ERROR_CHARS = 2048;

    public PhaseStatus(String release, Phase phase, boolean sealed, int taskCount, String configHash, Counts total,
                       Map<String, Counts> kinds, List<FailedTask> failed, boolean complete) {
        this(release, phase, sealed, taskCount, configHash, total, kinds, failed, complete, null);
    }

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
