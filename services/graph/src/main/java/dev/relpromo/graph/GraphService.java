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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the graph topology (exactly_once_v2) and answers status queries from its stores (interactive queries).
 * This instance answers for the partitions it owns; with several instances the HTTP layer must route by release
 * (see {@code KafkaStreams#queryMetadataForKey}).
 *
 * <p>It never stays dead: a stream thread that dies is replaced, and a client that still ends in ERROR is closed
 * and replaced by a new one, with a backoff (1 s doubling to 1 min). {@link #health()} tells the state.
 */
public final class GraphService implements GraphQueries, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphService.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** RUNNING and REBALANCING serve; RECOVERING is being replaced after an error; DOWN is not started or closed. */
    public enum Status { RUNNING, REBALANCING, RECOVERING, DOWN }

    /** The graph's state for a health endpoint, with the last error a stream thread or client died of. */
    public record Health(Status status, String lastError) {
    }

    private final KafkaSettings kafka;
    private final Path stateDir;
    private final CountDownLatch running = new CountDownLatch(1);
    private final ScheduledExecutorService recovery = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "graph-recovery");
        t.setDaemon(true);
        return t;
    });
    private volatile KafkaStreams streams;
    private volatile boolean started;
    private volatile boolean replacing;
    private volatile boolean closed;
    private volatile String lastError;
    private Duration backoff = FIRST_BACKOFF;

    public GraphService(KafkaSettings kafka, Path stateDir) {
        this.kafka = kafka;
        this.stateDir = stateDir;
        this.streams = create();
    }

    private KafkaStreams create() {
        KafkaStreams client = new KafkaStreams(GraphTopology.build(new StreamsBuilder()), properties(kafka, stateDir));
        client.setUncaughtExceptionHandler(e -> {
            lastError = describe(e);
            LOG.error("graph: a stream thread died; starting a new one", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        client.setStateListener((next, previous) -> {
            LOG.debug("graph: streams {} -> {}", previous, next);
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
                synchronized (this) {
                    backoff = FIRST_BACKOFF;
                }
            } else if (next == KafkaStreams.State.ERROR) {
                onError(client, "streams client in ERROR");
            }
        });
        return client;
    }

    /** Replaces a client that ended in ERROR by a new one after the backoff (never on the client's own thread). */
    void onError(KafkaStreams failed, String reason) {
        Duration delay;
        synchronized (this) {
            if (closed || failed != streams || replacing) {
                return;
            }
            replacing = true;
            delay = backoff;
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        if (lastError == null) {
            lastError = reason;
        }
        LOG.error("graph: {}; replacing the client in {} ms", reason, delay.toMillis());
        recovery.schedule(() -> replace(failed), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void replace(KafkaStreams failed) {
        try {
            failed.close(Duration.ofSeconds(30));
            synchronized (this) {
                if (closed) {
                    return;
                }
                streams = create();
                streams.start();
            }
            LOG.info("graph: a new streams client started");
        } catch (RuntimeException e) {
            lastError = describe(e);
            LOG.error("graph: replacing the streams client failed; trying again", e);
            synchronized (this) {
                replacing = false;
            }
            onError(streams, "replacing the client failed: " + e.getMessage());
            return;
        }
        synchronized (this) {
            replacing = false;
        }
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    public static Properties properties(KafkaSettings kafka, Path stateDir) {
        Properties p = kafka.streamsBase();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, GraphTopology.APPLICATION_ID);
        p.put(StreamsConfig.CLIENT_ID_CONFIG, GraphTopology.APPLICATION_ID + "-" + kafka.instanceId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Static membership (Streams appends the thread index): a graph restarted after a crash takes its tasks
        // back at once instead of waiting for its dead predecessor's session to time out. Instance ids are unique
        // per process (the instance lock), so no live member is ever replaced by mistake.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), kafka.instanceId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // A bug while processing one record must not stop every release: it goes to the graph's dead-letter topic.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        // An output the broker refuses for its size is dead-lettered as a reference, and processing goes on.
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, GraphProductionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.deadLetters("graph").name());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return p;
    }

    public synchronized void start() {
        started = true;
        streams.start();
    }

    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The current client (replaced after an ERROR). */
    public KafkaStreams client() {
        return streams;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public Health health() {
        KafkaStreams.State state = streams.state();
        Status status;
        if (closed || !started) {
            status = Status.DOWN;
        } else if (replacing || state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
            status = Status.RECOVERING;
        } else if (state == KafkaStreams.State.RUNNING) {
            status = Status.RUNNING;
        } else if (state == KafkaStreams.State.REBALANCING || state == KafkaStreams.State.CREATED) {
            status = Status.REBALANCING;
        } else {
            status = Status.DOWN;
        }
        return new Health(status, lastError);
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
        synchronized (this) {
            closed = true;
        }
        recovery.shutdownNow();
        streams.close(Duration.ofSeconds(30));
    }
}
