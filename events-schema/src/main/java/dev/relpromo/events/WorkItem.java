package dev.relpromo.events;

import java.util.List;

/**
 * Work for a task whose upstream tasks have all completed: the definition, the attempt number and the upstream
 * results (artifact locations and hashes). Keyed by task id on {@code relpromo.work.<service>}.
 */
public record WorkItem(TaskDefined task, int attempt, List<TaskCompleted> upstream) {

    /** The first upstream artifact with this name, searching upstreams in order. */
    public java.util.Optional<Artifact> upstreamArtifact(String name) {
        return upstream.stream().flatMap(r -> r.artifacts().stream())
                .filter(a -> a.name().equals(name)).findFirst();
    }
}
