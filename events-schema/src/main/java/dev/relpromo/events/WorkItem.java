package dev.relpromo.events;

import java.util.List;

/**
 * Work for a task whose upstream tasks have all completed: the definition, the attempt number and the upstream
 * results (artifact locations and hashes). Keyed by task id on {@code relpromo.work.<service>}.
 *
 * @param upstreamCount set (since v3) when the upstream results are left out: kinds that fan in from thousands of
 *                      tasks ({@code Kinds.carriesNoUpstreamResults}) get an empty {@code upstream} and only the
 *                      number of completed upstreams, and read what they need from the artifact store; null otherwise
 */
public record WorkItem(TaskDefined task, int attempt, List<TaskCompleted> upstream, Integer upstreamCount) {

    public WorkItem(TaskDefined task, int attempt, List<TaskCompleted> upstream) {
        this(task, attempt, upstream, null);
    }

    /** The first upstream artifact with this name, searching upstreams in order. */
    public java.util.Optional<Artifact> upstreamArtifact(String name) {
        return upstream.stream().flatMap(r -> r.artifacts().stream())
                .filter(a -> a.name().equals(name)).findFirst();
    }
}
