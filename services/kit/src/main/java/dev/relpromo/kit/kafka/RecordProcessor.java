package dev.relpromo.kit.kafka;

import dev.relpromo.events.codec.Envelope;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns one valid input event into the records to publish in the same transaction as its offset.
 *
 * <p>What {@link #process} throws decides what happens to the input: an {@code InvalidEventException} or any other
 * exception dead-letters it (a poison record); an {@link java.io.IOException}, {@link java.io.UncheckedIOException}
 * or {@link dev.relpromo.kit.failure.TransientTaskException} retries it with backoff, without end and never dead-lettered (the disk, the store
 * or the network will come back); an {@link Error} is fatal for the process.
 */
@FunctionalInterface
public interface RecordProcessor {
    List<ProducerRecord<String, byte[]>> process(Envelope<?> event, ConsumerRecord<String, byte[]> record) throws Exception;

    /**
     * Replacement outputs for an input whose outputs could not be published (too large for the broker). A dead
     * letter referencing the input is always added; a worker adds a "task failed", so the task does not stay
     * running forever.
     */
    default List<ProducerRecord<String, byte[]>> refused(Envelope<?> event, ConsumerRecord<String, byte[]> record,
                                                         String reason) {
        return List.of();
    }

    /** Called after the transaction holding {@code published} has committed (never before, never on abort). */
    default void committed(List<ProducerRecord<String, byte[]>> published) {
    }
}
