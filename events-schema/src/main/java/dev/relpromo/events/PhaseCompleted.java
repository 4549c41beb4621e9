package dev.relpromo.events;

/**
 * Every task of a sealed plan of a phase has completed in its current attempt. Emitted exactly once per plan, and
 * once more each time a rerun reopened the plan and it completed again.
 *
 * @param plan the plan (a {@link GraphSealed#plan()}, or {@link GraphSealed#legacyPlan()} for v1 seals)
 */
public record PhaseCompleted(String release, Phase phase, int taskCount, String configHash, String plan) {

    public PhaseCompleted(String release, Phase phase, int taskCount, String configHash) {
        this(release, phase, taskCount, configHash, null);
    }
}
