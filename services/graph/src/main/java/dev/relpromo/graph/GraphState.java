package dev.relpromo.graph;

/**
 * The graph's two stores as the rules see them: task nodes by task id, phase progress by {@code release/phase}
 * ({@link PhaseState#key}). Reads return the stored value or null; the rules write back only what an input changed.
 * The Streams processor backs it with its state stores; tests use a map.
 */
interface GraphState {
    TaskNode task(String taskId);

    PhaseState phase(String key);

    void putTask(String taskId, TaskNode node);

    void putPhase(String key, PhaseState phase);
}
