package dev.relpromo.graph;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.RerunRequested;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.TaskIds;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of each release's task graph, one method per input: task definitions and seal markers from the planner,
 * build-completed events (which complete the external signing nodes), task results, and rerun requests. A task's
 * work item is dispatched when all its upstreams have completed; the chunking-dummy pseudo-kind is completed here.
 * Counters per (release, phase), per kind and per plan change only on state transitions, so a duplicate or replayed
 * input changes nothing, and each plan's "phase completed" is announced exactly once per completion (see
 * {@link PhaseState} for what a seal covers).
 *
 * <p>Reruns: the task gets a new attempt; only that attempt's result is accepted. With {@code with_dependents}
 * every transitive dependent gets a new attempt too and waits, pending, for its upstreams. Without it, dependents
 * that already used the old result keep it unless the new result's artifacts differ from the old ones: then they
 * run again (new attempt), and the same rule applies to their own dependents — so identical outputs stop the
 * cascade and changed outputs reach everything downstream.
 *
 * <p>Plain Java: the state comes through {@link GraphState}, and the outputs go back as {@link GraphOutput} values.
 */
final class GraphRules {
    private static final Logger LOG = LoggerFactory.getLogger(GraphRules.class);

    private final GraphState state;
    private final ToIntFunction<GraphOutput.Dispatch> encodedSize;
    private final int maxWorkItemBytes;

    /**
     * @param encodedSize      the size a work item has on the wire
     * @param maxWorkItemBytes larger work items are not dispatched: their task fails (the broker would refuse them)
     */
    GraphRules(GraphState state, ToIntFunction<GraphOutput.Dispatch> encodedSize, int maxWorkItemBytes) {
        this.state = state;
        this.encodedSize = encodedSize;
        this.maxWorkItemBytes = maxWorkItemBytes;
    }

    private GraphUpdate update() {
        return new GraphUpdate(state, encodedSize, maxWorkItemBytes);
    }

    /** A task definition: the first one wins; each plan a task is defined in counts it once. */
    List<GraphOutput> onDefined(TaskDefined d) {
        GraphUpdate u = update();
        TaskNode node = u.node(d.taskId());
        PhaseState phase = u.phase(d.release(), d.phase());
        // Plans are recorded on the node; the stored definition (and so every work item) carries none.
        String plan = d.plan() != null ? d.plan() : phase.legacyPlanKey();
        TaskDefined definition = d.withPlan(null);
        if (node.defined()) {
            if (!node.definition.equals(definition)) {
                // The first definition wins: a release keeps the graph it was promoted with.
                LOG.warn("graph: ignoring a changed definition of {}", d.taskId());
            }
        } else {
            node.definition = definition;
            u.changed(d.taskId());
            phase.defined++;
            // An external build node whose build arrived before the plan is completed at once.
            node.state = node.result != null ? TaskNode.State.COMPLETED : TaskNode.State.PENDING;
            phase.count(d.kind(), node.state, +1);
            for (String up : d.upstreams()) {
                u.node(up).dependents.add(d.taskId());
                u.changed(up);
            }
            if (node.completed()) {
                u.checkAll(node.dependents);
            } else {
                u.check(d.taskId());
            }
        }
        if (node.plans.add(plan)) {
            u.changed(d.taskId());
            phase.join(plan, node.completed());
        }
        return u.finish();
    }

    /** A seal: the plan's task count; a duplicate seal changes nothing. */
    List<GraphOutput> onSealed(GraphSealed s) {
        GraphUpdate u = update();
        if (!u.phase(s.release(), s.phase()).seal(s)) {
            LOG.info("graph: {} {} plan {} was already sealed", s.release(), s.phase().id(),
                    s.plan() != null ? s.plan() : s.legacyPlan());
        }
        return u.finish();
    }

    /** A build completes its external signing nodes, defined yet or not; the first build's artifacts win. */
    List<GraphOutput> onBuild(BuildCompleted b) {
        GraphUpdate u = update();
        for (BuildCompleted.LocaleBuild locale : b.locales()) {
            String id = TaskIds.buildSigning(b.release(), b.platform(), locale.locale());
            TaskNode node = u.node(id);
            Phase phase = node.defined() ? node.definition.phase() : Phase.PROMOTE;
            TaskCompleted result = new TaskCompleted(b.release(), phase, id,
                    TaskIds.buildSigningLabel(b.platform(), locale.locale()), TaskIds.EXTERNAL_SIGNING_KIND,
                    node.attempt, locale.artifacts());
            if (node.completed()) {
                if (!node.result.artifacts().equals(result.artifacts())) {
                    LOG.warn("graph: {} was already completed with other artifacts; keeping the first", id);
                }
                continue;
            }
            if (node.defined()) {
                u.complete(node, result);
            } else {
                // The build landed before the plan: keep the result for when the node is defined.
                node.result = result;
                node.state = TaskNode.State.COMPLETED;
                u.changed(id);
            }
        }
        return u.finish();
    }

    List<GraphOutput> onCompleted(TaskCompleted r) {
        GraphUpdate u = update();
        TaskNode node = u.node(r.taskId());
        if (accepts(node, r.taskId(), r.attempt()) && node.state != TaskNode.State.COMPLETED) {
            u.complete(node, r);
        }
        return u.finish();
    }

    List<GraphOutput> onFailed(TaskFailed f) {
        GraphUpdate u = update();
        TaskNode node = u.node(f.taskId());
        if (accepts(node, f.taskId(), f.attempt()) && node.state != TaskNode.State.COMPLETED
                && node.state != TaskNode.State.FAILED) {
            u.fail(node, f.error(), f.input());
        }
        return u.finish();
    }

    /** A result counts only for a defined task and its current attempt; anything else is stale or stray. */
    private static boolean accepts(TaskNode node, String taskId, int attempt) {
        if (!node.defined()) {
            LOG.warn("graph: ignoring a result for unknown task {}", taskId);
            return false;
        }
        if (attempt != node.attempt) {
            LOG.info("graph: ignoring attempt {} of {} (current attempt is {})", attempt, taskId, node.attempt);
            return false;
        }
        return true;
    }

    /**
     * A rerun request: refused (changing nothing) for an unknown task, another phase, or an external build node; a
     * request applied already (same request id, else the event id) is ignored.
     */
    List<GraphOutput> onRerun(RerunRequested r, String eventId) {
        GraphUpdate u = update();
        String id = r.taskId();
        TaskNode node = u.node(id);
        if (!node.defined()) {
            return refused(u.knownRelease(r.release())
                    ? "rerun of " + id + " refused: no such task in release " + r.release()
                    : "rerun of " + id + " refused: release " + r.release() + " is unknown to the graph");
        }
        TaskDefined d = node.definition;
        if (r.phase() != null && r.phase() != d.phase()) {
            return refused("rerun of " + id + " refused: the task is in phase " + d.phase().id() + ", not "
                    + r.phase().id());
        }
        if (d.service() == Service.EXTERNAL) {
            return refused("rerun of " + id + " refused: it is the build's signing task, completed by the build "
                    + "system (submit the build again instead)");
        }
        String request = r.requestId() != null ? r.requestId() : eventId;
        if (request.equals(node.lastRerun)) {
            LOG.info("graph: rerun request {} of {} was already applied", request, id);
            return u.finish();
        }
        node.lastRerun = request;
        u.newAttempt(node, !r.withDependents());
        if (r.withDependents()) {
            Deque<String> downstream = new ArrayDeque<>(node.dependents);
            Set<String> seen = new LinkedHashSet<>();
            while (!downstream.isEmpty()) {
                String dep = downstream.poll();
                TaskNode n = u.node(dep);
                if (seen.add(dep) && n.defined()) {
                    u.newAttempt(n, false);
                    downstream.addAll(n.dependents);
                }
            }
        }
        LOG.info("graph: rerun of {} requested by {}: attempt {}{}", id, r.requestedBy(), node.attempt,
                r.withDependents() ? " with its dependents" : "");
        u.check(id);
        return u.finish();
    }

    private static List<GraphOutput> refused(String reason) {
        return List.of(new GraphOutput.Refused(reason));
    }
}
