package dev.relpromo.graph;

import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the graph topology (exactly_once_v2) and answers status queries from its stores (interactive queries).
 * This instance answers for the partitions it owns; with several instances the HTTP layer must route by release
 * (see {@code KafkaStreams#queryMetadataForKey}).
 */
public final class GraphService implements GraphQueries, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphService.class);
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    public GraphService(KafkaSettings kafka, Path stateDir) {
        this.streams = new KafkaStreams(GraphTopology.build(new StreamsBuilder()), properties(kafka, stateDir));
        streams.setStateListener((next, previous) -> {
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            LOG.debug("graph: streams {} -> {}", previous, next);
        });
    }

    public static Properties properties(KafkaSettings kafka, Path stateDir) {
        Properties p = kafka.streamsBase();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, GraphTopology.APPLICATION_ID);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, GraphTopology.APPLICATION_ID + "-" + kafka.instanceId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // A bug while processing one record must not stop every release: it goes to the graph's dead-letter topic.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.deadLetters("graph").name());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return p;
    }

    public void start() {
        streams.start();
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    @Override
    public List<String> releases() {
        TreeSet<String> releases = new TreeSet<>();
        try (KeyValueIterator<String, PhaseState> it = this.<PhaseState>store(GraphTopology.PHASES_STORE).all()) {
            it.forEachRemaining(kv -> releases.add(kv.value.release));
        }
        return new ArrayList<>(releases);
    }

    @Override
    public List<PhaseStatus> phases(String release) {
        List<PhaseStatus> out = new ArrayList<>();
        try (KeyValueIterator<String, PhaseState> it = this.<PhaseState>store(GraphTopology.PHASES_STORE)
                .prefixScan(release + "/", new StringSerializer())) {
            it.forEachRemaining(kv -> out.add(kv.value.toStatus()));
        }
        return out;
    }

    @Override
    public List<TaskView> tasks(String release) {
        List<TaskView> out = new ArrayList<>();
        try (KeyValueIterator<String, TaskNode> it = this.<TaskNode>store(GraphTopology.TASKS_STORE)
                .prefixScan(release + "/", new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, TaskNode> kv = it.next();
                if (kv.value.defined()) {
                    out.add(TaskView.of(kv.value));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
