package dev.relpromo.events;

/**
 * An operator asks the graph to run a task again. Keyed by release on {@code relpromo.reruns}.
 *
 * @param phase          optional: when given, the task must belong to this phase
 * @param task           a label, or a task id {@code <release>/<label>}
 * @param withDependents also give every transitive dependent a new attempt (they run again once their upstreams
 *                       complete); without it a dependent runs again only if the rerun's artifacts differ
 * @param requestId      unique per request (the event id); a replayed request reruns once
 */
public record RerunRequested(String release, Phase phase, String task, boolean withDependents, String requestedBy,
                             String requestId) {

    /** The task id the request names. */
    public String taskId() {
        return task.contains("/") ? task : TaskIds.of(release, task);
    }
}
