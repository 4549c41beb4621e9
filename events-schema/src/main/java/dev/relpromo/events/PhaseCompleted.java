package dev.relpromo.events;

/** Every task of a sealed phase has completed. Emitted exactly once per (release, phase). */
public record PhaseCompleted(String release, Phase phase, int taskCount, String configHash) {
}
