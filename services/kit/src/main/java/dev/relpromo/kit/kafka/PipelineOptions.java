package dev.relpromo.kit.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How a {@link TransactionalPipeline} copes with trouble: backoff for transient errors and for recoveries (new
 * clients, re-joining the group), how many recoveries in a row it tries before it gives up, and what giving up does.
 *
 * @param maxRecoveries consecutive recoveries (without one committed record in between) before the pipeline
 *                      declares itself dead and calls {@code fatal}
 * @param maxRecordBytes the largest record the pipeline publishes; a bigger output is replaced by a dead-letter
 *                       reference (the broker's default limit is about 1 MB)
 * @param faults        a test seam that can fail a transaction just before it commits
 * @param clients       told of every consumer and producer the pipeline opens and closes (for client metrics)
 */
public record PipelineOptions(FatalErrorHandler fatal, long initialBackoffMillis, long maxBackoffMillis,
                              int maxRecoveries, int maxRecordBytes, Faults faults, ClientListener clients) {

    public static final PipelineOptions DEFAULT =
            new PipelineOptions(FatalErrorHandler.EXIT, 500, 30_000, 10, 1_000_000, Faults.NONE, ClientListener.NONE);

    public PipelineOptions(FatalErrorHandler fatal, long initialBackoffMillis, long maxBackoffMillis, int maxRecoveries,
                           int maxRecordBytes, Faults faults) {
        this(fatal, initialBackoffMillis, maxBackoffMillis, maxRecoveries, maxRecordBytes, faults, ClientListener.NONE);
    }

    /** Hears of Kafka clients as pipelines open and close them (clients are replaced when a pipeline recovers). */
    public interface ClientListener {
        ClientListener NONE = new ClientListener() {
        };

        default void opened(String name, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                            org.apache.kafka.clients.producer.Producer<?, ?> producer) {
        }

        default void closed(String name, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                            org.apache.kafka.clients.producer.Producer<?, ?> producer) {
        }
    }

    public PipelineOptions withClients(ClientListener listener) {
        return new PipelineOptions(fatal, initialBackoffMillis, maxBackoffMillis, maxRecoveries, maxRecordBytes, faults,
                listener);
    }

    /** Injected failures, for tests of what happens when a commit does not go through. */
    @FunctionalInterface
    public interface Faults {
        Faults NONE = record -> {
        };

        /** Throws (typically a {@code KafkaException}) to make the transaction for {@code record} fail. */
        void beforeCommit(ConsumerRecord<String, byte[]> record);
    }

    public PipelineOptions withFatal(FatalErrorHandler handler) {
        return new PipelineOptions(handler, initialBackoffMillis, maxBackoffMillis, maxRecoveries, maxRecordBytes, faults,
                clients);
    }

    public PipelineOptions withFaults(Faults injected) {
        return new PipelineOptions(fatal, initialBackoffMillis, maxBackoffMillis, maxRecoveries, maxRecordBytes, injected,
                clients);
    }

    public PipelineOptions withBackoff(long initialMillis, long maxMillis) {
        return new PipelineOptions(fatal, initialMillis, maxMillis, maxRecoveries, maxRecordBytes, faults, clients);
    }

    public PipelineOptions withMaxRecordBytes(int bytes) {
        return new PipelineOptions(fatal, initialBackoffMillis, maxBackoffMillis, maxRecoveries, bytes, faults, clients);
    }

    /** The backoff before try {@code n} (1-based): initial × 2^(n-1), capped. */
    long backoff(int n) {
        long b = initialBackoffMillis;
        for (int i = 1; i < n && b < maxBackoffMillis; i++) {
            b *= 2;
        }
        return Math.min(b, maxBackoffMillis);
    }
}
