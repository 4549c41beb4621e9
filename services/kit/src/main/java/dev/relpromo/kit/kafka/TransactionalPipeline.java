package dev.relpromo.kit.kafka;

import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.codec.InvalidEventException;
import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.health.HealthIndicator;
import dev.relpromo.kit.failure.TransientTaskException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-process-write loop every service runs: poll, decode and validate each record, process it, then publish
 * the outputs and commit the consumed offset in ONE Kafka transaction. Processing happens before the transaction
 * begins, so long work (minutes of xz) never runs into the transaction timeout; if the process dies in between,
 * the record is processed again and, since side effects are idempotent, exactly one result is accepted.
 *
 * <p>What can go wrong, and what happens:
 * <ul>
 *   <li>an invalid or poison record goes to the consumer's dead-letter topic with the reason, in the same
 *       transaction, and the loop carries on;</li>
 *   <li>a transient processing error (I/O) is retried with backoff, without end, and never dead-lettered;</li>
 *   <li>an output too large for the broker is replaced by a dead letter that references the input (and whatever
 *       {@link RecordProcessor#refused} supplies, such as a "task failed");</li>
 *   <li>a transaction that fails is aborted and the batch rewound to the first uncommitted record; a client in a
 *       state it cannot leave (fenced producer, commit that timed out and cannot be aborted, a failed offset
 *       lookup) is replaced: new consumer and producer, re-join, resume from the committed offsets;</li>
 *   <li>after {@code maxRecoveries} recoveries in a row, or on an {@link Error}, the pipeline reports itself DOWN
 *       and calls the fatal handler (by default the process exits non-zero): never a half-alive process.</li>
 * </ul>
 */
public final class TransactionalPipeline implements AutoCloseable, HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalPipeline.class);

    private final String name;
    private final KafkaSettings kafka;
    private final Collection<String> topics;
    private final EventCodec codec;
    private final RecordProcessor processor;
    private final Map<String, Object> consumerOverrides;
    private final PipelineOptions options;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    /** Inputs whose outputs the broker refused as too large, with the reason: their next pass publishes a dead letter. */
    private final Map<RecordRef, String> refusedOutputs = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Health health;
    private Thread thread;

    private record RecordRef(TopicPartition partition, long offset) {
    }

    /** Why the loop over a batch stopped early: the remaining records must be polled again. */
    private enum Outcome { COMMITTED, REWOUND }

    /**
     * @param name      the consumer's name: group id {@code relpromo-<name>}, dead-letter topic {@code relpromo.dlq.<name>}
     * @param overrides consumer settings, e.g. {@code max.poll.records=1} for long-running work
     */
    public TransactionalPipeline(String name, KafkaSettings kafka, Collection<String> topics, EventCodec codec,
                                 RecordProcessor processor, Map<String, Object> overrides) {
        this(name, kafka, topics, codec, processor, overrides, PipelineOptions.DEFAULT);
    }

    public TransactionalPipeline(String name, KafkaSettings kafka, Collection<String> topics, EventCodec codec,
                                 RecordProcessor processor, Map<String, Object> overrides, PipelineOptions options) {
        this.name = name;
        this.kafka = kafka;
        this.topics = List.copyOf(topics);
        this.codec = codec;
        this.processor = processor;
        this.consumerOverrides = Map.copyOf(overrides);
        this.options = options;
        this.health = new Health(name, Health.Status.DOWN, "not started");
    }

    public String name() {
        return name;
    }

    public long processed() {
        return processed.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    @Override
    public List<Health> health() {
        return List.of(health);
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        health = new Health(name, Health.Status.RECOVERING, "starting");
        thread = new Thread(this::run, "relpromo-" + name + "-" + kafka.instanceId());
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int recoveries = 0;
        String downReason = null;
        try {
            while (running.get()) {
                try {
                    consumeWithNewClients();
                } catch (WakeupException | InterruptException e) {
                    if (running.get()) {
                        downReason = "interrupted";
                        options.fatal().fatal(name, "interrupted while running", e);
                    }
                    return;
                } catch (Error e) {
                    downReason = "stopped on " + e;
                    options.fatal().fatal(name, "stopped on an error it cannot recover from", e);
                    return;
                } catch (RuntimeException e) {
                    if (!running.get()) {
                        return;
                    }
                    recoveries = recoveriesSinceLastCommit(recoveries) + 1;
                    if (recoveries > options.maxRecoveries()) {
                        downReason = "gave up after " + options.maxRecoveries() + " recoveries in a row: " + e;
                        options.fatal().fatal(name, "gave up after " + options.maxRecoveries()
                                + " recoveries in a row without committing a record", e);
                        return;
                    }
                    long backoff = options.backoff(recoveries);
                    health = new Health(name, Health.Status.RECOVERING,
                            "recovery " + recoveries + " of " + options.maxRecoveries() + " after " + e);
                    LOG.warn("{}: replacing its Kafka clients in {} ms (recovery {} of {}) after: {}", name, backoff,
                            recoveries, options.maxRecoveries(), e.toString());
                    sleep(backoff);
                }
            }
        } finally {
            running.set(false);
            health = new Health(name, Health.Status.DOWN, downReason == null ? "stopped" : downReason);
            stopped.countDown();
        }
    }

    private long processedAtLastRecovery;

    /** Recoveries count "in a row": a record committed since the last recovery resets the count. */
    private int recoveriesSinceLastCommit(int recoveries) {
        long now = processed.get();
        int inARow = now > processedAtLastRecovery ? 0 : recoveries;
        processedAtLastRecovery = now;
        return inARow;
    }

    /** One life of the clients: returns when stopped, throws when they must be replaced. */
    private void consumeWithNewClients() {
        String group = "relpromo-" + name;
        StaticMembers.evictLeftover(kafka, group, kafka.instanceId());
        Map<String, Object> settings = new HashMap<>(consumerOverrides);
        settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, kafka.instanceId());
        KafkaConsumer<String, byte[]> c = kafka.consumer(group, settings);
        KafkaProducer<String, byte[]> opened = null;
        try (KafkaProducer<String, byte[]> producer = kafka.transactionalProducer(name)) {
            opened = producer;
            options.clients().opened(name, c, producer);
            consumer = c;
            if (!running.get()) {
                return; // closed while the clients were being made
            }
            producer.initTransactions();
            c.subscribe(topics);
            health = Health.up(name, "consuming " + String.join(", ", topics));
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                Map<TopicPartition, Long> firstUncommitted = new LinkedHashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    firstUncommitted.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!running.get()) {
                        break;
                    }
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (handle(c, producer, record) == Outcome.REWOUND) {
                        rewind(c, firstUncommitted);
                        break;
                    }
                    firstUncommitted.put(tp, record.offset() + 1);
                }
            }
        } finally {
            consumer = null;
            if (opened != null) {
                options.clients().closed(name, c, opened);
            }
            boolean leave = !running.get();
            // Stopping for good: leave now, so the partitions move at once (a static member would otherwise keep
            // them until the session timeout). Replacing the clients: the next life removes the leftover itself.
            c.close(CloseOptions.groupMembershipOperation(leave ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                    : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP).withTimeout(Duration.ofSeconds(10)));
        }
    }

    /** Processes one record and commits it; REWOUND if it must be polled again (aborted or retried later). */
    private Outcome handle(KafkaConsumer<String, byte[]> c, KafkaProducer<String, byte[]> producer,
                           ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        String refusal = refusedOutputs.get(new RecordRef(tp, record.offset()));
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        boolean dead = false;
        try {
            Envelope<?> event = codec.decode(record);
            if (refusal != null) {
                out.addAll(refusedOutputs(event, record, refusal));
                dead = true;
            } else {
                out.addAll(processor.process(event, record));
                String oversize = oversize(out);
                if (oversize != null) {
                    LOG.warn("{}: outputs for {}-{}@{} are too large to publish: {}", name, record.topic(),
                            record.partition(), record.offset(), oversize);
                    out = refusedOutputs(event, record, oversize);
                    dead = true;
                }
            }
        } catch (InvalidEventException e) {
            LOG.warn("{}: refused {}-{}@{}: {}", name, record.topic(), record.partition(), record.offset(), e.getMessage());
            out = List.of(deadLetter(record, DeadLetters.describe(e), e.getClass().getSimpleName()));
            dead = true;
        } catch (IOException | UncheckedIOException | TransientTaskException e) {
            retryLater(record, e);
            return Outcome.REWOUND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (Exception e) {
            LOG.error("{}: poison record {}-{}@{} sent to the dead-letter topic", name, record.topic(), record.partition(),
                    record.offset(), e);
            out = List.of(deadLetter(record, DeadLetters.describe(e), e.getClass().getSimpleName()));
            dead = true;
        }
        return commit(c, producer, record, out, dead);
    }

    private Outcome commit(KafkaConsumer<String, byte[]> c, KafkaProducer<String, byte[]> producer,
                           ConsumerRecord<String, byte[]> record, List<ProducerRecord<String, byte[]>> out, boolean dead) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        List<Future<RecordMetadata>> sends = new ArrayList<>(out.size());
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> r : out) {
                sends.add(producer.send(r));
            }
            producer.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(record.offset() + 1)), c.groupMetadata());
            options.faults().beforeCommit(record);
            commitOrRetryOnce(producer);
        } catch (KafkaException e) {
            if (!abortable(e)) {
                throw e; // fenced, or a timeout whose outcome is unknown: new clients resume from the committed offsets
            }
            RecordTooLargeException tooLarge = tooLarge(e, sends);
            if (tooLarge != null && !dead) {
                refusedOutputs.put(new RecordRef(tp, record.offset()), "the broker refused an output: " + tooLarge.getMessage());
            }
            // Typically a rebalance took the partition away while we worked: abort, and let the owner redo it.
            LOG.warn("{}: transaction for {}-{}@{} aborted: {}", name, record.topic(), record.partition(),
                    record.offset(), e.toString());
            producer.abortTransaction(); // if this throws too, the clients are replaced
            return Outcome.REWOUND;
        }
        refusedOutputs.remove(new RecordRef(tp, record.offset()));
        processed.incrementAndGet();
        if (dead) {
            deadLettered.incrementAndGet();
        }
        health = Health.up(name, "consuming " + String.join(", ", topics));
        processor.committed(out);
        return Outcome.COMMITTED;
    }

    /** A commit that times out may still go through: the producer allows retrying it, once here. */
    private static void commitOrRetryOnce(KafkaProducer<String, byte[]> producer) {
        try {
            producer.commitTransaction();
        } catch (TimeoutException e) {
            LOG.warn("commit timed out; retrying it once: {}", e.getMessage());
            producer.commitTransaction();
        }
    }

    /**
     * Errors after which this producer can abort and go on. Fencing, epoch and timeout errors leave it unusable
     * (or the outcome unknown); those propagate and the clients are replaced.
     */
    private static boolean abortable(KafkaException e) {
        return !(e instanceof org.apache.kafka.common.errors.ProducerFencedException
                || e instanceof org.apache.kafka.common.errors.InvalidProducerEpochException
                || e instanceof org.apache.kafka.common.errors.OutOfOrderSequenceException
                || e instanceof org.apache.kafka.common.errors.AuthorizationException
                || e instanceof org.apache.kafka.common.errors.UnsupportedVersionException
                || e instanceof TimeoutException);
    }

    private static RecordTooLargeException tooLarge(Throwable e, List<Future<RecordMetadata>> sends) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException r) {
                return r;
            }
        }
        for (Future<RecordMetadata> f : sends) {
            if (f.isDone()) {
                try {
                    f.get(0, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException x) {
                    if (x.getCause() instanceof RecordTooLargeException r) {
                        return r;
                    }
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                } catch (Exception ignored) {
                    // not the failure we are looking for
                }
            }
        }
        return null;
    }

    /** The first output larger than the record limit, described; null when all fit. */
    private String oversize(List<ProducerRecord<String, byte[]>> out) {
        for (ProducerRecord<String, byte[]> r : out) {
            long size = RecordSizes.estimate(r);
            if (size > options.maxRecordBytes()) {
                return "an output record for " + r.topic() + " (key " + r.key() + ") has about " + size
                        + " bytes, more than the limit of " + options.maxRecordBytes();
            }
        }
        return null;
    }

    private List<ProducerRecord<String, byte[]>> refusedOutputs(Envelope<?> event, ConsumerRecord<String, byte[]> record,
                                                                String reason) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(processor.refused(event, record, reason));
        out.add(deadLetter(record, reason, RecordTooLargeException.class.getSimpleName()));
        return out;
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, String reason, String type) {
        return DeadLetters.of(name, record, reason, type, options.maxRecordBytes());
    }

    private final Map<RecordRef, Integer> transientTries = new HashMap<>();

    /** A transient error: back off, then poll the record again. It is never dead-lettered. */
    private void retryLater(ConsumerRecord<String, byte[]> record, Exception e) {
        RecordRef ref = new RecordRef(new TopicPartition(record.topic(), record.partition()), record.offset());
        if (transientTries.size() > 1000) {
            transientTries.clear(); // only ever a handful; never let it grow
        }
        int tries = transientTries.merge(ref, 1, Integer::sum);
        long backoff = options.backoff(tries);
        LOG.warn("{}: transient error on {}-{}@{} (try {}), retrying in {} ms: {}", name, record.topic(),
                record.partition(), record.offset(), tries, backoff, e.toString());
        health = Health.up(name, "retrying " + record.topic() + "-" + record.partition() + "@" + record.offset()
                + " (try " + tries + ") after: " + e);
        sleep(backoff);
    }

    /** Seeks every partition of the batch back to its first uncommitted record (still assigned ones only). */
    private static void rewind(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> firstUncommitted) {
        var assigned = c.assignment();
        firstUncommitted.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                c.seek(tp, offset);
            }
        });
    }

    private void sleep(long millis) {
        try {
            // Wakes up early when the pipeline is closed.
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (running.get() && System.nanoTime() < end) {
                Thread.sleep(Math.min(50, millis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    public boolean isRunning() {
        return running.get();
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
