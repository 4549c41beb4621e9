package dev.relpromo.graph;

import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import java.util.TreeSet;

/**
 * The graph's view of one task: its definition (without plan; null while only referenced as someone's upstream, or
 * for an external build node whose build-completed event arrived before the plan), the plans it belongs to, state,
 * current attempt, result or error, and the tasks that depend on it. Stored as JSON in the {@code graph-tasks}
 * store, keyed by task id.
 */
public final class TaskNode {
    public enum State { PENDING, RUNNING, COMPLETED, FAILED }

    public TaskDefined definition;
    public TreeSet<String> plans = new TreeSet<>();
    public State state = State.PENDING;
    public int attempt = 1;
    public TaskCompleted result;
    /**
     * The result of an earlier attempt while a rerun without dependents runs: dependents that used it run again
     * only if the new result's artifacts differ from it.
     */
    public TaskCompleted superseded;
    /** The last rerun request applied (a replayed request reruns once). */
    public String lastRerun;
    public String error;
    public String errorInput;
    public TreeSet<String> dependents = new TreeSet<>();

    public boolean defined() {
        return definition != null;
    }

    public boolean completed() {
        return state == State.COMPLETED && result != null;
    }
}
