package dev.relpromo.graph;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
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
import dev.relpromo.kit.kafka.DeadLetters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each release's task graph. Every input arrives keyed by release: task definitions and seal markers from
 * the planner, build-completed events (which complete the external signing nodes), and task results re-keyed from
 * the services' result topics. A task's work item is emitted when all its upstreams have completed; the
 * chunking-dummy pseudo-kind is completed here. Progress per (release, phase) changes only on state transitions,
 * so a duplicate or replayed result changes nothing, and "phase completed" is emitted exactly once.
 */
final class GraphProcessor implements Processor<String, byte[], String, Routed> {
    private static final Logger LOG = LoggerFactory.getLogger(GraphProcessor.class);

    private final EventCodec codec = new EventCodec("/relpromo/graph");
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, TaskNode> tasks;
    private KeyValueStore<String, PhaseState> phases;

    // Per input record: nodes and phases read or changed, and tasks whose readiness must be checked.
    private final Map<String, TaskNode> nodes = new LinkedHashMap<>();
    private final java.util.Set<String> dirty = new java.util.LinkedHashSet<>();
    private final Map<String, PhaseState> touchedPhases = new LinkedHashMap<>();
    private final Deque<String> toCheck = new ArrayDeque<>();
    private Record<String, byte[]> current;

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.tasks = context.getStateStore(GraphTopology.TASKS_STORE);
        this.phases = context.getStateStore(GraphTopology.PHASES_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        current = record;
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
            }
        } catch (InvalidEventException e) {
            deadLetter(record, e);
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
        }
        throw new InvalidEventException("the graph does not consume " + data.getClass().getSimpleName() + " events");
    }

    private void onDefined(TaskDefined d) {
        TaskNode node = node(d.taskId());
        if (node.defined()) {
            if (!node.definition.equals(d)) {
                // The first definition wins: a release keeps the graph it was promoted with.
                LOG.warn("graph: ignoring a changed definition of {}", d.taskId());
            }
            return;
        }
        node.definition = d;
        dirty.add(d.taskId());
        PhaseState phase = phase(d.release(), d.phase());
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

    private void onSealed(GraphSealed s) {
        PhaseState phase = phase(s.release(), s.phase());
        String key = PhaseState.sealKey(s.configHash(), s.partnerBuildNumber());
        if (phase.seals.putIfAbsent(key, s.taskCount()) == null) {
            phase.sealed = true;
            phase.configHash = s.configHash();
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
        transition(node, TaskNode.State.FAILED);
        node.error = f.error();
        node.errorInput = f.input();
        phase(node).failed.put(f.taskId(), new PhaseStatus.FailedTask(f.taskId(), f.label(), f.kind(), f.attempt(),
                f.error(), f.input()));
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

    private void complete(TaskNode node, TaskCompleted result) {
        transition(node, TaskNode.State.COMPLETED);
        node.result = result;
        node.error = null;
        node.errorInput = null;
        phase(node).failed.remove(node.definition.taskId());
        toCheck.addAll(node.dependents);
    }

    private void transition(TaskNode node, TaskNode.State next) {
        dirty.add(node.definition.taskId());
        PhaseState phase = phase(node);
        phase.count(node.definition.kind(), node.state, -1);
        phase.count(node.definition.kind(), next, +1);
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
            transition(node, TaskNode.State.RUNNING);
            WorkItem item = new WorkItem(d, node.attempt, upstream);
            emit(Topics.work(d.service()).name(), d.taskId(),
                    codec.envelope(item, d.release(), "work:" + d.taskId() + ":" + node.attempt, null));
        }
    }

    private void flush(String traceparent) {
        // Only what changed is written: readiness checks read many upstream nodes and change none of them.
        dirty.forEach(id -> tasks.put(id, nodes.get(id)));
        for (PhaseState p : touchedPhases.values()) {
            String key = PhaseState.key(p.release, p.phase);
            if (p.complete()) {
                for (String seal : p.seals.keySet()) {
                    if (p.announced.add(seal)) {
                        emit(Topics.PHASE_EVENTS.name(), key, codec.envelope(
                                new PhaseCompleted(p.release, p.phase, p.defined, p.configHash), p.release,
                                "phase-completed:" + key + ":" + seal, traceparent));
                        LOG.info("graph: {} {} phase complete ({} tasks, plan {})", p.release, p.phase.id(), p.defined, seal);
                    }
                }
            }
            phases.put(key, p);
            emit(Topics.STATUS.name(), key, codec.envelope(p.toStatus(), p.release));
        }
    }

    private void emit(String topic, String key, Envelope<?> event) {
        context.forward(new Record<>(key, new Routed(topic, codec.value(event)), current.timestamp(),
                codec.headers(event)));
    }

    private void deadLetter(Record<String, byte[]> record, Exception reason) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        ConsumerRecord<String, byte[]> refused = new ConsumerRecord<>(
                meta == null ? "unknown" : meta.topic(), meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(), record.timestamp(), TimestampType.CREATE_TIME,
                -1, -1, record.key(), record.value(), copy(record.headers()), java.util.Optional.empty());
        ProducerRecord<String, byte[]> dead = DeadLetters.of("graph", refused, reason);
        LOG.warn("graph: refused a record from {}: {}", refused.topic(), reason.getMessage());
        context.forward(new Record<>(record.key(), new Routed(dead.topic(), dead.value()), record.timestamp(),
                dead.headers()));
    }

    private static Headers copy(Headers headers) {
        return new org.apache.kafka.common.header.internals.RecordHeaders(headers.toArray());
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
