package dev.relpromo.graph;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.RerunRequested;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.codec.InvalidEventException;
import dev.relpromo.events.topics.Topics;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Moves the graph's records in and out: decodes each input (keyed by release: task definitions and seals, builds,
 * reruns, and results re-keyed from the services' result topics), hands it to {@link GraphRules} over the two state
 * stores, and forwards what the rules return — work items, plan completions and statuses encoded as events, and
 * dead letters for refused inputs and for outputs the broker would refuse for their size.
 */
final class GraphProcessor implements Processor<String, byte[], String, Routed> {
    private final EventCodec codec = new EventCodec("/relpromo/graph");
    private GraphRules rules;
    private GraphOutputs outputs;
    /** Work items encoded to measure them, sent as measured (cleared per input). */
    private final Map<GraphOutput.Dispatch, Encoded> encoded = new IdentityHashMap<>();

    private record Encoded(Envelope<WorkItem> event, byte[] value) {
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        KeyValueStore<String, TaskNode> tasks = context.getStateStore(GraphTopology.TASKS_STORE);
        KeyValueStore<String, PhaseState> phases = context.getStateStore(GraphTopology.PHASES_STORE);
        this.rules = new GraphRules(new StoreState(tasks, phases), this::measure, TooLarge.MAX_OUTPUT_BYTES);
        this.outputs = new GraphOutputs(context, codec);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        outputs.current = record;
        encoded.clear();
        Envelope<?> event;
        List<GraphOutput> results;
        try {
            event = codec.decode(record.headers(), record.value());
            Object data = event.data();
            String release = releaseOf(data);
            if (!Objects.equals(release, record.key())) {
                throw new InvalidEventException("record key '" + record.key() + "' does not match the event's release '"
                        + release + "' (graph inputs must be keyed by release; results by task id)");
            }
            results = apply(data, event.id());
        } catch (InvalidEventException e) {
            outputs.deadLetter(record, e);
            return;
        }
        for (GraphOutput out : results) {
            forward(out, event.traceparent());
        }
    }

    private List<GraphOutput> apply(Object data, String eventId) {
        if (data instanceof TaskDefined d) {
            return rules.onDefined(d);
        } else if (data instanceof GraphSealed s) {
            return rules.onSealed(s);
        } else if (data instanceof BuildCompleted b) {
            return rules.onBuild(b);
        } else if (data instanceof TaskCompleted r) {
            return rules.onCompleted(r);
        } else if (data instanceof TaskFailed f) {
            return rules.onFailed(f);
        } else {
            return rules.onRerun((RerunRequested) data, eventId);
        }
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

    private int measure(GraphOutput.Dispatch dispatch) {
        return encode(dispatch).value().length;
    }

    private Encoded encode(GraphOutput.Dispatch dispatch) {
        return encoded.computeIfAbsent(dispatch, d -> {
            Envelope<WorkItem> item = codec.envelope(d.item(), d.item().task().release(), d.eventId(), null);
            return new Encoded(item, codec.value(item));
        });
    }

    private void forward(GraphOutput out, String traceparent) {
        if (out instanceof GraphOutput.Dispatch d) {
            Encoded item = encode(d);
            outputs.forward(Topics.work(d.service()).name(), d.item().task().taskId(), item.value(),
                    codec.headers(item.event()));
        } else if (out instanceof GraphOutput.Oversized o) {
            outputs.tooLarge(Topics.work(o.service()).name(), o.taskId(), o.size(), o.reason());
        } else if (out instanceof GraphOutput.PlanCompleted p) {
            outputs.emit(Topics.PHASE_EVENTS.name(), p.phaseKey(),
                    codec.envelope(p.event(), p.event().release(), p.eventId(), traceparent));
        } else if (out instanceof GraphOutput.StatusChanged s) {
            outputs.emit(Topics.STATUS.name(), s.phaseKey(), codec.envelope(s.status(), s.status().release()));
        } else if (out instanceof GraphOutput.Refused r) {
            outputs.deadLetter(outputs.current, new InvalidEventException(r.reason()));
        }
    }

    /** The rules' view of the two state stores. */
    private record StoreState(KeyValueStore<String, TaskNode> tasks, KeyValueStore<String, PhaseState> phases)
            implements GraphState {
        @Override
        public TaskNode task(String taskId) {
            return tasks.get(taskId);
        }

        @Override
        public PhaseState phase(String key) {
            return phases.get(key);
        }

        @Override
        public void putTask(String taskId, TaskNode node) {
            tasks.put(taskId, node);
        }

        @Override
        public void putPhase(String key, PhaseState phase) {
            phases.put(key, phase);
        }
    }
}
