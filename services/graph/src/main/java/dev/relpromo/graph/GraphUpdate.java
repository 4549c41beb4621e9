package dev.relpromo.graph;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Bounded;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.kinds.Kinds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change one input makes to the graph: the nodes and phases it read or changed, the tasks whose readiness must
 * be checked, and what it says. State transitions, readiness and dispatch, and plan completion live here, so every
 * input handler in {@link GraphRules} goes through the same counters. {@link #finish()} dispatches what became
 * ready, writes back only what changed and returns the outputs.
 */
final class GraphUpdate {
    private static final Logger LOG = LoggerFactory.getLogger(GraphUpdate.class);

    private final GraphState state;
    private final ToIntFunction<GraphOutput.Dispatch> encodedSize;
    private final int maxWorkItemBytes;
    private final Map<String, TaskNode> nodes = new LinkedHashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, PhaseState> touchedPhases = new LinkedHashMap<>();
    private final Deque<String> toCheck = new ArrayDeque<>();
    private final List<GraphOutput> outputs = new ArrayList<>();

    GraphUpdate(GraphState state, ToIntFunction<GraphOutput.Dispatch> encodedSize, int maxWorkItemBytes) {
        this.state = state;
        this.encodedSize = encodedSize;
        this.maxWorkItemBytes = maxWorkItemBytes;
    }

    /** The node of a task id: stored, or new (undefined) if only referenced so far. */
    TaskNode node(String id) {
        return nodes.computeIfAbsent(id, k -> {
            TaskNode n = state.task(k);
            return n != null ? n : new TaskNode();
        });
    }

    PhaseState phase(TaskNode node) {
        return phase(node.definition.release(), node.definition.phase());
    }

    /** The progress of a (release, phase); touching it writes it back and emits its status. */
    PhaseState phase(String release, Phase phase) {
        return touchedPhases.computeIfAbsent(PhaseState.key(release, phase), k -> {
            PhaseState p = state.phase(k);
            if (p == null) {
                p = new PhaseState();
                p.release = release;
                p.phase = phase;
            }
            return p;
        });
    }

    /** Whether any phase of the release is stored (without touching it). */
    boolean knownRelease(String release) {
        for (Phase p : Phase.values()) {
            if (state.phase(PhaseState.key(release, p)) != null) {
                return true;
            }
        }
        return false;
    }

    /** The node was changed other than by a transition: write it back. */
    void changed(String id) {
        dirty.add(id);
    }

    /** These tasks may have become ready. */
    void check(String id) {
        toCheck.add(id);
    }

    void checkAll(Collection<String> ids) {
        toCheck.addAll(ids);
    }

    /** Every state change goes through here, so the kind, plan and failure counters stay exact. */
    void transition(TaskNode node, TaskNode.State next) {
        TaskNode.State previous = node.state;
        dirty.add(node.definition.taskId());
        PhaseState phase = phase(node);
        phase.count(node.definition.kind(), previous, -1);
        phase.count(node.definition.kind(), next, +1);
        if (previous == TaskNode.State.COMPLETED && next != TaskNode.State.COMPLETED) {
            phase.memberCompleted(node.plans, -1);
        } else if (previous != TaskNode.State.COMPLETED && next == TaskNode.State.COMPLETED) {
            phase.memberCompleted(node.plans, +1);
        }
        if (previous == TaskNode.State.FAILED && next != TaskNode.State.FAILED) {
            phase.failed.remove(node.definition.taskId());
        }
        node.state = next;
    }

    void complete(TaskNode node, TaskCompleted result) {
        transition(node, TaskNode.State.COMPLETED);
        node.result = result;
        node.error = null;
        node.errorInput = null;
        TaskCompleted old = node.superseded;
        node.superseded = null;
        if (old != null && !old.artifacts().equals(result.artifacts())) {
            // Dependents dispatched with the old artifacts run again with the new ones.
            for (String dep : node.dependents) {
                TaskNode n = node(dep);
                if (n.defined() && n.state != TaskNode.State.PENDING) {
                    LOG.info("graph: {} changed its artifacts; {} runs again", node.definition.taskId(), dep);
                    newAttempt(n, true);
                }
            }
        }
        toCheck.addAll(node.dependents);
    }

    /** Errors are bounded here, from the full text, so each truncation marker counts what the reader misses. */
    void fail(TaskNode node, String error, String input) {
        transition(node, TaskNode.State.FAILED);
        node.error = Bounded.error(error);
        node.errorInput = input;
        TaskDefined d = node.definition;
        phase(node).listFailure(new PhaseStatus.FailedTask(d.taskId(), d.label(), d.kind(), node.attempt, error, input));
    }

    /**
     * Gives a task a new attempt and makes it pending again (dispatched when its upstreams are complete).
     *
     * @param compareResult keep the old result, so dependents that used it run again only if the new one differs
     */
    void newAttempt(TaskNode node, boolean compareResult) {
        if (!compareResult) {
            node.superseded = null;
        } else if (node.completed()) {
            node.superseded = node.result;
        }
        node.attempt++;
        transition(node, TaskNode.State.PENDING);
        node.result = null;
        node.error = null;
        node.errorInput = null;
    }

    /** Dispatches what became ready, writes back what changed, announces completed plans; the outputs in order. */
    List<GraphOutput> finish() {
        dispatchReady();
        // Only what changed is written: readiness checks read many upstream nodes and change none of them.
        dirty.forEach(id -> state.putTask(id, nodes.get(id)));
        for (PhaseState p : touchedPhases.values()) {
            String key = PhaseState.key(p.release, p.phase);
            for (PhaseState.PlanState plan : p.toAnnounce()) {
                String round = plan.announcements == 1 ? "" : ":r" + plan.announcements;
                outputs.add(new GraphOutput.PlanCompleted(key,
                        new PhaseCompleted(p.release, p.phase, plan.taskCount, plan.configHash, plan.name),
                        "phase-completed:" + key + ":" + plan.name + round));
                LOG.info("graph: {} {} plan {} complete ({} tasks{})", p.release, p.phase.id(), plan.name,
                        plan.taskCount, round.isEmpty() ? "" : ", after a rerun");
            }
            state.putPhase(key, p);
            outputs.add(new GraphOutput.StatusChanged(key, p.toStatus()));
        }
        return outputs;
    }

    /** Dispatches every checked task whose upstreams have all completed. */
    private void dispatchReady() {
        while (!toCheck.isEmpty()) {
            String id = toCheck.poll();
            TaskNode node = node(id);
            if (!node.defined() || node.state != TaskNode.State.PENDING) {
                continue;
            }
            TaskDefined d = node.definition;
            if (d.service() == Service.EXTERNAL) {
                continue; // completed by a build-completed event
            }
            List<TaskCompleted> upstream = new ArrayList<>();
            for (String up : d.upstreams()) {
                TaskNode u = node(up);
                if (!u.completed()) {
                    upstream = null;
                    break;
                }
                upstream.add(u.result);
            }
            if (upstream == null) {
                continue;
            }
            if (d.service() == Service.GRAPH) {
                // Pseudo-kinds (chunking dummy) complete at once and pass their upstream artifacts through.
                List<Artifact> passThrough = upstream.stream().flatMap(r -> r.artifacts().stream()).toList();
                complete(node, new TaskCompleted(d.release(), d.phase(), d.taskId(), d.label(), d.kind(), node.attempt,
                        passThrough));
                continue;
            }
            // Fan-in kinds (release-generate-checksums after every beetmover) read the store instead: thousands of
            // results inline would pass the record size, so they get only the count.
            WorkItem work = Kinds.carriesNoUpstreamResults(d.kind())
                    ? new WorkItem(d, node.attempt, List.of(), upstream.size())
                    : new WorkItem(d, node.attempt, upstream);
            GraphOutput.Dispatch dispatch = new GraphOutput.Dispatch(work,
                    "work:" + d.taskId() + ":" + node.attempt);
            int size = encodedSize.applyAsInt(dispatch);
            if (size > maxWorkItemBytes) {
                // The broker would refuse it: the task fails visibly instead of the graph retrying forever.
                String reason = "work item of " + size + " bytes is larger than the limit of " + maxWorkItemBytes
                        + " bytes (too many or too large upstream results)";
                fail(node, reason, null);
                outputs.add(new GraphOutput.Oversized(d.service(), d.taskId(), size, reason));
                continue;
            }
            transition(node, TaskNode.State.RUNNING);
            outputs.add(dispatch);
        }
    }
}
