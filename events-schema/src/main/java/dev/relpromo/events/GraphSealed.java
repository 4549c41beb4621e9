package dev.relpromo.events;

/**
 * Every task of a phase has been defined: {@code taskCount} definitions precede this marker. The phase cannot
 * complete before it is sealed. {@code configHash} identifies the partner-configuration snapshot the graph uses.
 */
public record GraphSealed(String release, Phase phase, int taskCount, String configHash, int partnerBuildNumber) {
}
