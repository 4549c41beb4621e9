package dev.relpromo.kit.work;

import dev.relpromo.kit.failure.TransientTaskException;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.WorkItem;
import java.util.List;

/**
 * Does the work of one kind of task. Implementations are plain domain code: they read upstream artifacts, write
 * their outputs to the artifact store under deterministic keys and return them. They must be idempotent: a rerun
 * of the same work item writes byte-identical objects to the same keys.
 *
 * <p>Throw {@link TaskFailureException} for a failure that retrying cannot fix (bad input); an
 * {@link java.io.IOException} or {@link TransientTaskException} is retried with backoff first.
 */
@FunctionalInterface
public interface TaskHandler {
    List<Artifact> handle(WorkItem item, TaskContext context) throws Exception;
}
