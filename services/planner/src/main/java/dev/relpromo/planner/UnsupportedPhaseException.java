package dev.relpromo.planner;

import dev.relpromo.events.Phase;

/** A phase this version of the planner does not plan yet (only promote is planned). */
public class UnsupportedPhaseException extends InvalidRequestException {
    private final Phase phase;

    public UnsupportedPhaseException(Phase phase) {
        super("phase " + phase.id() + " is not planned by this version yet");
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }
}
