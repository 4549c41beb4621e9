package dev.relpromo.events.kinds;

/** Whether this version can run a kind's tasks, or only plans and tracks them. */
public enum Availability {
    /** A worker service handles it in this version, or the graph or the outside world completes it. */
    RUNNABLE,
    /** Planned and tracked so the graph's counts match the real pipeline, but no service handles it yet: pending. */
    PLANNED
}
