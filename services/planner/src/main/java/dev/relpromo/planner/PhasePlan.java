package dev.relpromo.planner;

import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.planner.rules.Enablement;
import java.util.List;

/**
 * The complete graph of one phase: publish every definition in order, then the seal. Every definition carries the
 * seal's plan id, so the graph knows which tasks the seal covers.
 *
 * @param enablement which repack paths ran and why (for logs)
 * @param skipped    sub-configs left out on purpose, with the reason
 */
public record PhasePlan(List<TaskDefined> tasks, GraphSealed sealed, Enablement enablement, List<String> skipped) {

    public PhasePlan {
        tasks = List.copyOf(tasks);
        skipped = List.copyOf(skipped);
        if (sealed.taskCount() != tasks.size()) {
            throw new IllegalArgumentException("seal counts " + sealed.taskCount() + " tasks, plan has " + tasks.size());
        }
        for (TaskDefined t : tasks) {
            if (!java.util.Objects.equals(t.plan(), sealed.plan())) {
                throw new IllegalArgumentException("task " + t.taskId() + " belongs to plan " + t.plan()
                        + ", the seal to " + sealed.plan());
            }
        }
    }
}
