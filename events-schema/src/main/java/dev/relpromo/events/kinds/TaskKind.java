package dev.relpromo.events.kinds;

import dev.relpromo.events.Service;
import dev.relpromo.events.params.TaskParams;
import java.util.List;
import java.util.Objects;

/**
 * One kind of task in the catalogue ({@link Kinds}).
 *
 * @param name         the kind, as in the real pipeline ({@code release-partner-repack-beetmover}); also the start of
 *                     every label of its tasks
 * @param owner        who completes its tasks: a worker service (through its work and results topics), the graph
 *                     (pseudo-kinds) or the outside world (build-completed events)
 * @param availability whether this version runs it or only plans it
 * @param per          what one task stands for ("one repack", "a chunk of up to 5 repacks", ...)
 * @param produces     the names of the artifacts its results may carry (which ones depends on the platform and
 *                     version), see {@link ArtifactNames}; empty when it publishes under pretty names only
 * @param summary      what it does, in one sentence, for status pages and documentation
 */
public record TaskKind(String name, Service owner, Availability availability, String per, List<String> produces,
                       String summary) {

    public TaskKind {
        if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("task kind name '" + name + "' must be lower-case words joined by '-'");
        }
        Objects.requireNonNull(owner, () -> "task kind " + name + ": owner");
        Objects.requireNonNull(availability, () -> "task kind " + name + ": availability");
        Objects.requireNonNull(per, () -> "task kind " + name + ": per");
        Objects.requireNonNull(summary, () -> "task kind " + name + ": summary");
        produces = List.copyOf(produces);
        if (!owner.isWorker() && availability != Availability.RUNNABLE) {
            throw new IllegalArgumentException("task kind " + name + " is completed by " + owner.id()
                    + ", which is always there: it cannot be planned only");
        }
    }

    /** The type of its tasks' {@code params}: the record of its owning service. */
    public Class<? extends TaskParams> params() {
        return TaskParams.typeFor(owner);
    }

    /** Whether a worker service must have a handler for it in this version. */
    public boolean needsHandler() {
        return owner.isWorker() && availability == Availability.RUNNABLE;
    }
}
