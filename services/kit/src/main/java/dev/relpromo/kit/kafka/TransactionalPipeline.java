package dev.relpromo.kit.kafka;

import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.codec.InvalidEventException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-process-write loop every service runs: poll, decode and validate each record, process it, then publish
 * the outputs and commit the consumed offset in ONE Kafka transaction. Processing happens before the transaction
 * begins, so long work (minutes of xz) never runs into the transaction timeout; if the process dies in between,
 * the record is processed again and, since side effects are idempotent, exactly one result is accepted.
 *
 * <p>An invalid record, or one the processor cannot handle (a poison record), goes to the consumer's dead-letter
 * topic with the reason in headers — in the same transaction — and the loop carries on with the next record.
 */
public final class TransactionalPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalPipeline.class);

    private final String name;
    private final KafkaSettings kafka;
    private final Collection<String> topics;
    private final EventCodec codec;
    private final RecordProcessor processor;
    private final Map<String, Object> consumerOverrides;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param name      the consumer's name: group id {@code relpromo-<name>}, dead-letter topic {@code relpromo.dlq.<name>}
     * @param overrides consumer settings, e.g. {@code max.poll.records=1} for long-running work
     */
    public TransactionalPipeline(String name, KafkaSettings kafka, Collection<String> topics, EventCodec codec,
                                 RecordProcessor processor, Map<String, Object> overrides) {
        this.name = name;
        this.kafka = kafka;
        this.topics = List.copyOf(topics);
        this.codec = codec;
        this.processor = processor;
        this.consumerOverrides = Map.copyOf(overrides);
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

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        thread = new Thread(this::run, "relpromo-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = kafka.consumer("relpromo-" + name, consumerOverrides);
             KafkaProducer<String, byte[]> producer = kafka.transactionalProducer(name)) {
            consumer = c;
            producer.initTransactions();
            c.subscribe(topics);
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!running.get()) {
                        break;
                    }
                    if (!handle(c, producer, record)) {
                        break; // offsets were rewound: poll again from the committed position
                    }
                }
            }
        } catch (WakeupException | InterruptException e) {
            // closing
        } catch (ProducerFencedException e) {
            LOG.error("{}: another instance took over transactional id relpromo-{}-{}; stopping", name, name,
                    kafka.instanceId());
        } catch (RuntimeException e) {
            LOG.error("{}: stopped on an unexpected error", name, e);
        } finally {
            running.set(false);
            stopped.countDown();
        }
    }

    /** Processes one record and commits it; returns false if the transaction was aborted and the record rewound. */
    private boolean handle(KafkaConsumer<String, byte[]> c, KafkaProducer<String, byte[]> producer,
                           ConsumerRecord<String, byte[]> record) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        boolean dead = false;
        try {
            Envelope<?> event = codec.decode(record);
            out.addAll(processor.process(event, record));
        } catch (InvalidEventException e) {
            LOG.warn("{}: refused {}-{}@{}: {}", name, record.topic(), record.partition(), record.offset(), e.getMessage());
            out.add(DeadLetters.of(name, record, e));
            dead = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (Exception e) {
            LOG.error("{}: poison record {}-{}@{} sent to the dead-letter topic", name, record.topic(), record.partition(),
                    record.offset(), e);
            out.add(DeadLetters.of(name, record, e));
            dead = true;
        }
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> r : out) {
                producer.send(r);
            }
            producer.sendOffsetsToTransaction(Map.of(tp, new OffsetAndMetadata(record.offset() + 1)), c.groupMetadata());
            producer.commitTransaction();
            processed.incrementAndGet();
            if (dead) {
                deadLettered.incrementAndGet();
            }
            return true;
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            // Typically a rebalance took the partition away while we worked: abort, and let the owner redo it.
            LOG.warn("{}: transaction for {}-{}@{} aborted: {}", name, record.topic(), record.partition(),
                    record.offset(), e.toString());
            producer.abortTransaction();
            rewind(c);
            return false;
        }
    }

    private static void rewind(KafkaConsumer<String, byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(c.assignment());
        for (TopicPartition tp : c.assignment()) {
            OffsetAndMetadata om = committed.get(tp);
            if (om != null) {
                c.seek(tp, om.offset());
            } else {
                c.seekToBeginning(List.of(tp));
            }
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
        if (thread != null) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
