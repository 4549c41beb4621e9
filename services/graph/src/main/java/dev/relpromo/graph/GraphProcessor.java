package dev.relpromo.graph;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.Bounded;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.RerunRequested;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.codec.InvalidEventException;
import dev.relpromo.events.topics.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each release's task graph. Every input arrives keyed by release: task definitions and seal markers from
 * the planner, build-completed events (which complete the external signing nodes), rerun requests from operators,
 * and task results re-keyed from the services' result topics. A task's work item is emitted when all its upstreams
 * have completed; the chunking-dummy pseudo-kind is completed here. Counters per (release, phase), per kind and per
 * plan change only on state transitions, so a duplicate or replayed result changes nothing, and each plan's
 * "phase completed" is emitted exactly once per completion (see {@link PhaseState} for what a seal covers).
 *
 * <p>Reruns: the task gets a new attempt; only that attempt's result is accepted. With {@code with_dependents}
 * every transitive dependent gets a new attempt too and waits, pending, for its upstreams. Without it, dependents
 * that already used the old result keep it unless the new result's artifacts differ from the old ones: then they
 * run again (new attempt), and the same rule applies to their own dependents — so identical outputs stop the
 * cascade and changed outputs reach everything downstream.
 */
final class GraphProcessor implements Processor<String, byte[], String, Routed> {
    private static final Logger LOG = LoggerFactory.getLogger(GraphProcessor.class);

    private final EventCodec codec = new EventCodec("/relpromo/graph");
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, TaskNode> tasks;
    private KeyValueStore<String, PhaseState> phases;

    // Per input record: nodes and phases read or changed, and tasks whose readiness must be checked.
    private final Map<String, TaskNode> nodes = new LinkedHashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, PhaseState> touchedPhases = new LinkedHashMap<>();
    private final Deque<String> toCheck = new ArrayDeque<>();
    private GraphOutputs outputs;

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.tasks = context.getStateStore(GraphTopology.TASKS_STORE);
        this.phases = context.getStateStore(GraphTopology.PHASES_STORE);
        this.outputs = new GraphOutputs(context, codec);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        outputs.current = record;
        nodes.clear();
        dirty.clear();
        touchedPhases.clear();
        toCheck.clear();
        Envelope<?> event;
        try {
            event = codec.decode(record.headers(), record.value());
            Object data = event.data();
            String release = releaseOf(data);
            if (!Objects.equals(release, record.key())) {
                throw new InvalidEventException("record key '" + record.key() + "' does not match the event's release '"
                        + release + "' (graph inputs must be keyed by release; results by task id)");
            }
            if (data instanceof TaskDefined d) {
                onDefined(d);
            } else if (data instanceof GraphSealed s) {
                onSealed(s);
            } else if (data instanceof BuildCompleted b) {
                onBuild(b);
            } else if (data instanceof TaskCompleted r) {
                onCompleted(r);
            } else if (data instanceof TaskFailed f) {
                onFailed(f);
            } else if (data instanceof RerunRequested r) {
                onRerun(r, event.id());
            }
        } catch (InvalidEventException e) {
            outputs.deadLetter(record, e);
            return;
        }
        drain();
        flush(event.traceparent());
    }

    private static String releaseOf(Object data) {
        if (data instanceof TaskDefined d) {
            return d.release();
        } else if (data instanceof GraphSealed s) {
            return s.release();
        } else if (data instanceof BuildCompleted b) {
            return b.release();
        } else if (data instanceof TaskCompleted r) {
            return r.release();
        } else if (data instanceof TaskFailed f) {
            return f.release();
        } else if (data instanceof RerunRequested r) {
            return r.release();
        }
        throw new InvalidEventException("the graph does not consume " + data.getClass().getSimpleName() + " events");
    }

    private void onDefined(TaskDefined d) {
        TaskNode node = node(d.taskId());
        PhaseState phase = phase(d.release(), d.phase());
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
            dirty.add(d.taskId());
            phase.defined++;
            node.state = node.result != null ? TaskNode.State.COMPLETED : TaskNode.State.PENDING;
            phase.count(d.kind(), node.state, +1);
            for (String up : d.upstreams()) {
                node(up).dependents.add(d.taskId());
                dirty.add(up);
            }
            if (node.completed()) {
                toCheck.addAll(node.dependents);
            } else {
                toCheck.add(d.taskId());
            }
        }
        if (node.plans.add(plan)) {
            dirty.add(d.taskId());
            phase.join(plan, node.completed());
        }
    }

    private void onSealed(GraphSealed s) {
        if (!phase(s.release(), s.phase()).seal(s)) {
            LOG.info("graph: {} {} plan {} was already sealed", s.release(), s.phase().id(),
                    s.plan() != null ? s.plan() : s.legacyPlan());
        }
    }

    private void onBuild(BuildCompleted b) {
        for (BuildCompleted.LocaleBuild locale : b.locales()) {
            String id = TaskIds.buildSigning(b.release(), b.platform(), locale.locale());
            TaskNode node = node(id);
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
                complete(node, result);
            } else {
                // The build landed before the plan: keep the result for when the node is defined.
                node.result = result;
                node.state = TaskNode.State.COMPLETED;
                dirty.add(id);
            }
        }
    }

    private void onCompleted(TaskCompleted r) {
        TaskNode node = node(r.taskId());
        if (!accepts(node, r.taskId(), r.attempt()) || node.state == TaskNode.State.COMPLETED) {
            return;
        }
        complete(node, r);
    }

    private void onFailed(TaskFailed f) {
        TaskNode node = node(f.taskId());
        if (!accepts(node, f.taskId(), f.attempt()) || node.state == TaskNode.State.COMPLETED
                || node.state == TaskNode.State.FAILED) {
            return;
        }
        fail(node, f.error(), f.input());
    }

    /** Errors are bounded here, from the full text, so each truncation marker counts what the reader misses. */
    private void fail(TaskNode node, String error, String input) {
        transition(node, TaskNode.State.FAILED);
        node.error = Bounded.error(error);
        node.errorInput = input;
        TaskDefined d = node.definition;
        phase(node).listFailure(new PhaseStatus.FailedTask(d.taskId(), d.label(), d.kind(), node.attempt, error, input));
    }

    /** A result counts only for a defined task and its current attempt; anything else is stale or stray. */
    private boolean accepts(TaskNode node, String taskId, int attempt) {
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

    private void onRerun(RerunRequested r, String requestId) {
        String id = r.taskId();
        TaskNode node = node(id);
        if (!node.defined()) {
            boolean knownRelease = false;
            for (Phase p : Phase.values()) {
                knownRelease |= phases.get(PhaseState.key(r.release(), p)) != null;
            }
            throw new InvalidEventException(knownRelease
                    ? "rerun of " + id + " refused: no such task in release " + r.release()
                    : "rerun of " + id + " refused: release " + r.release() + " is unknown to the graph");
        }
        TaskDefined d = node.definition;
        if (r.phase() != null && r.phase() != d.phase()) {
            throw new InvalidEventException("rerun of " + id + " refused: the task is in phase " + d.phase().id()
                    + ", not " + r.phase().id());
        }
        if (d.service() == Service.EXTERNAL) {
            throw new InvalidEventException("rerun of " + id + " refused: it is the build's signing task, completed "
                    + "by the build system (submit the build again instead)");
        }
        String request = r.requestId() != null ? r.requestId() : requestId;
        if (request.equals(node.lastRerun)) {
            LOG.info("graph: rerun request {} of {} was already applied", request, id);
            return;
        }
        node.lastRerun = request;
        newAttempt(node, !r.withDependents());
        if (r.withDependents()) {
            Deque<String> downstream = new ArrayDeque<>(node.dependents);
            Set<String> seen = new LinkedHashSet<>();
            while (!downstream.isEmpty()) {
                String dep = downstream.poll();
                TaskNode n = node(dep);
                if (seen.add(dep) && n.defined()) {
                    newAttempt(n, false);
                    downstream.addAll(n.dependents);
                }
            }
        }
        LOG.info("graph: rerun of {} requested by {}: attempt {}{}", id, r.requestedBy(), node.attempt,
                r.withDependents() ? " with its dependents" : "");
        toCheck.add(id);
    }

    /**
     * Gives a task a new attempt and makes it pending again (dispatched when its upstreams are complete).
     *
     * @param compareResult keep the old result, so dependents that used it run again only if the new one differs
     */
    private void newAttempt(TaskNode node, boolean compareResult) {
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

    private void complete(TaskNode node, TaskCompleted result) {
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

    /** Every state change goes through here, so the kind, plan and failure counters stay exact. */
    private void transition(TaskNode node, TaskNode.State next) {
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

    /** Dispatches every checked task whose upstreams have all completed. */
    private void drain() {
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
            boolean ready = true;
            for (String up : d.upstreams()) {
                TaskNode u = node(up);
                if (!u.completed()) {
                    ready = false;
                    break;
                }
                upstream.add(u.result);
            }
            if (!ready) {
                continue;
            }
            if (d.service() == Service.GRAPH) {
                // Pseudo-kinds (chunking dummy) complete at once and pass their upstream artifacts through.
                List<Artifact> passThrough = upstream.stream().flatMap(r -> r.artifacts().stream()).toList();
                complete(node, new TaskCompleted(d.release(), d.phase(), d.taskId(), d.label(), d.kind(), node.attempt,
                        passThrough));
                continue;
            }
            String topic = Topics.work(d.service()).name();
            Envelope<WorkItem> item = codec.envelope(new WorkItem(d, node.attempt, upstream), d.release(),
                    "work:" + d.taskId() + ":" + node.attempt, null);
            byte[] value = codec.value(item);
            if (value.length > TooLarge.MAX_OUTPUT_BYTES) {
                // The broker would refuse it: the task fails visibly instead of the graph retrying forever.
                String reason = "work item of " + value.length + " bytes is larger than the limit of "
                        + TooLarge.MAX_OUTPUT_BYTES + " bytes (too many or too large upstream results)";
                fail(node, reason, null);
                outputs.tooLarge(topic, d.taskId(), value.length, reason);
                continue;
            }
            transition(node, TaskNode.State.RUNNING);
            outputs.forward(topic, d.taskId(), value, codec.headers(item));
        }
    }

    private void flush(String traceparent) {
        // Only what changed is written: readiness checks read many upstream nodes and change none of them.
        dirty.forEach(id -> tasks.put(id, nodes.get(id)));
        for (PhaseState p : touchedPhases.values()) {
            String key = PhaseState.key(p.release, p.phase);
            for (PhaseState.PlanState plan : p.toAnnounce()) {
                String round = plan.announcements == 1 ? "" : ":r" + plan.announcements;
                outputs.emit(Topics.PHASE_EVENTS.name(), key, codec.envelope(
                        new PhaseCompleted(p.release, p.phase, plan.taskCount, plan.configHash, plan.name), p.release,
                        "phase-completed:" + key + ":" + plan.name + round, traceparent));
                LOG.info("graph: {} {} plan {} complete ({} tasks{})", p.release, p.phase.id(), plan.name,
                        plan.taskCount, round.isEmpty() ? "" : ", after a rerun");
            }
            phases.put(key, p);
            outputs.emit(Topics.STATUS.name(), key, codec.envelope(p.toStatus(), p.release));
        }
    }

    private TaskNode node(String id) {
        return nodes.computeIfAbsent(id, k -> {
            TaskNode n = tasks.get(k);
            return n != null ? n : new TaskNode();
        });
    }

    private PhaseState phase(TaskNode node) {
        return phase(node.definition.release(), node.definition.phase());
    }

    private PhaseState phase(String release, Phase phase) {
        return touchedPhases.computeIfAbsent(PhaseState.key(release, phase), k -> {
            PhaseState p = phases.get(k);
            if (p == null) {
                p = new PhaseState();
                p.release = release;
                p.phase = phase;
            }
            return p;
        });
    }
}
