package dev.relpromo.events;

/**
 * Every task of a plan has been defined: {@code taskCount} definitions carrying the same {@code plan} precede this
 * marker on the same partition. A plan completes (one {@link PhaseCompleted}) when all its tasks have completed.
 * {@code configHash} identifies the partner-configuration snapshot the graph uses.
 *
 * @param plan deterministic id of the plan (null in v1 events: the graph then uses {@link #legacyPlan()})
 */
public record GraphSealed(String release, Phase phase, int taskCount, String configHash, int partnerBuildNumber,
                          String plan) {

    public GraphSealed(String release, Phase phase, int taskCount, String configHash, int partnerBuildNumber) {
        this(release, phase, taskCount, configHash, partnerBuildNumber, null);
    }

    /** What v1 seals were keyed by: {@code <config hash>/v<partner build number>}. */
    public String legacyPlan() {
        return configHash + "/v" + partnerBuildNumber;
    }
}
