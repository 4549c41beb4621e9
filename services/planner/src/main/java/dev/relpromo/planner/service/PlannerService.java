package dev.relpromo.planner.service;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.codec.InvalidEventException;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.app.RunningService;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.kafka.PipelineOptions;
import dev.relpromo.kit.kafka.RecordProcessor;
import dev.relpromo.kit.kafka.TransactionalPipeline;
import dev.relpromo.planner.PhasePlan;
import dev.relpromo.planner.Planner;
import dev.relpromo.planner.PlannerException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner at the Kafka edge: a promotion request, or the first build-completed event of a release when
 * auto-promotion is on, becomes the phase's task definitions and its seal on {@code relpromo.graph.tasks}, in one
 * transaction with the consumed offset. A request the planner refuses (bad partner configuration, unsupported
 * phase) goes to {@code relpromo.dlq.planner} with the reason, and nothing of its graph is published; a snapshot
 * that cannot be stored (an I/O error) is retried with backoff, never dead-lettered.
 *
 * <p>Which releases were promoted is remembered in Kafka, not only in memory: every plan's seal also goes to the
 * compacted {@code relpromo.planner.decisions} topic in the plan's own transaction. The in-memory view is filled
 * from that topic at start-up and updated only once a plan's transaction has committed, so a transaction that
 * aborts (and is processed again after the rewind) produces the same plan again instead of being forgotten.
 */
public final class PlannerService implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerService.class);

    private final Planner planner;
    private final boolean autoPromote;
    private final EventCodec codec = new EventCodec("/relpromo/planner");
    /** Releases whose promote phase has a committed plan. */
    private final Set<String> promoted = ConcurrentHashMap.newKeySet();
    private final KafkaSettings kafka;
    private final TransactionalPipeline pipeline;

    public PlannerService(KafkaSettings kafka, Planner planner, boolean autoPromote) {
        this(kafka, planner, autoPromote, PipelineOptions.DEFAULT);
    }

    public PlannerService(KafkaSettings kafka, Planner planner, boolean autoPromote, PipelineOptions options) {
        this.kafka = kafka;
        this.planner = planner;
        this.autoPromote = autoPromote;
        this.pipeline = new TransactionalPipeline("planner", kafka,
                List.of(Topics.BUILDS.name(), Topics.PROMOTIONS.name()), codec, new PlanProcessor(), Map.of(), options);
    }

    public void start() {
        if (autoPromote) {
            promoted.addAll(promotedReleases(kafka));
        }
        pipeline.start();
    }

    @Override
    public List<Health> health() {
        return pipeline.health();
    }

    /** Whether a committed plan exists for the release's promote phase (as far as this instance knows). */
    public boolean promoted(String release) {
        return promoted.contains(release);
    }

    private final class PlanProcessor implements RecordProcessor {
        @Override
        public List<ProducerRecord<String, byte[]>> process(Envelope<?> event, ConsumerRecord<String, byte[]> record)
                throws IOException {
            try {
                return plan(event);
            } catch (PlannerException e) {
                // Bad input, not a bug: refused with the planner's own message (file:line, JSON path, partner name).
                throw new InvalidEventException("promotion of " + event.subject() + " refused: " + e.getMessage(), e);
            }
        }

        @Override
        public void committed(List<ProducerRecord<String, byte[]>> published) {
            for (ProducerRecord<String, byte[]> r : published) {
                if (r.topic().equals(Topics.PLANNER_DECISIONS.name()) && r.key().endsWith("/" + Phase.PROMOTE.id())) {
                    promoted.add(TaskIds.releaseOf(r.key()));
                }
            }
        }
    }

    private List<ProducerRecord<String, byte[]>> plan(Envelope<?> event) throws IOException {
        if (event.data() instanceof PromotionRequested request) {
            return publish(planner.plan(request), event.traceparent());
        }
        if (event.data() instanceof BuildCompleted build) {
            if (!autoPromote || promoted.contains(build.release())) {
                return List.of();
            }
            PromotionRequested defaults = new PromotionRequested(build.release(), Phase.PROMOTE, null, null, null, null,
                    null, null, null, "auto:" + build.signingTask());
            PhasePlan plan = planner.plan(defaults);
            if (plan.tasks().isEmpty()) {
                LOG.info("planner: {} does not qualify for partner repacks or EME-free; nothing to promote",
                        build.release());
                return List.of();
            }
            LOG.info("planner: {} promoted automatically on {}", build.release(), build.signingTask());
            return publish(plan, event.traceparent());
        }
        throw new InvalidEventException("the planner does not consume " + event.type().ceType());
    }

    private List<ProducerRecord<String, byte[]>> publish(PhasePlan plan, String traceparent) {
        String release = plan.sealed().release();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(plan.tasks().size() + 2);
        for (TaskDefined task : plan.tasks()) {
            out.add(codec.record(Topics.GRAPH_TASKS.name(), release,
                    codec.envelope(task, release, "defined:" + task.taskId(), traceparent)));
        }
        // One event id per plan: a re-promotion of the same plan is recognisably the same seal.
        String sealId = "sealed:" + release + "/" + plan.sealed().phase().id() + ":" + plan.sealed().plan();
        out.add(codec.record(Topics.GRAPH_TASKS.name(), release, codec.envelope(plan.sealed(), release, sealId, traceparent)));
        out.add(codec.record(Topics.PLANNER_DECISIONS.name(), release + "/" + plan.sealed().phase().id(),
                codec.envelope(plan.sealed(), release, sealId, traceparent)));
        LOG.info("planner: {} {} planned: {} tasks (config {})", release, plan.sealed().phase().id(),
                plan.tasks().size(), plan.sealed().configHash());
        return out;
    }

    /**
     * Releases with a committed promote plan, read from the compacted decisions topic (read_committed), so a
     * restarted planner does not promote them again on a late build-completed event.
     */
    static Set<String> promotedReleases(KafkaSettings kafka) {
        Set<String> releases = ConcurrentHashMap.newKeySet();
        try (KafkaConsumer<String, byte[]> reader = kafka.reader()) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.PLANNER_DECISIONS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.value() != null && r.key().endsWith("/" + Phase.PROMOTE.id())) {
                        releases.add(TaskIds.releaseOf(r.key()));
                    }
                }
            }
        }
        return releases;
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
