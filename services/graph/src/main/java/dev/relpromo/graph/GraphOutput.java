package dev.relpromo.graph;

import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.Service;
import dev.relpromo.events.WorkItem;

/**
 * What one input makes the graph say, in order, as plain values: the Streams processor encodes them and routes each
 * to its topic.
 */
sealed interface GraphOutput {

    /** A task whose upstreams have all completed, sent to its service (event id {@code work:<task>:<attempt>}). */
    record Dispatch(WorkItem item, String eventId) implements GraphOutput {
        Service service() {
            return item.task().service();
        }
    }

    /**
     * A work item the broker would refuse for its size: the task has failed with the reason, and only a reference
     * (service, task, size) goes to the dead-letter topic.
     */
    record Oversized(Service service, String taskId, int size, String reason) implements GraphOutput {
    }

    /** A plan of a (release, phase) completed: announced once per completion (the id counts reopenings). */
    record PlanCompleted(String phaseKey, PhaseCompleted event, String eventId) implements GraphOutput {
    }

    /** The progress of a (release, phase) the input touched. */
    record StatusChanged(String phaseKey, PhaseStatus status) implements GraphOutput {
    }

    /** The input was refused and changed nothing; it goes to the dead-letter topic with this reason. */
    record Refused(String reason) implements GraphOutput {
    }
}
