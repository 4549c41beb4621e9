package dev.relpromo.kit.kafka;

import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records: the refused record as it was, plus why and where it came from. A dead letter must
 * itself fit in a record, so the reason is bounded and a payload that would not fit is replaced by the reference
 * (topic, partition, offset) to the original, which stays readable on its own topic.
 */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** Longest reason kept in a header; longer ones are cut with a marker. */
    static final int MAX_REASON_CHARS = 4096;
    /** Header whose presence says the payload was left out (value: its size in bytes). */
    public static final String PAYLOAD_OMITTED = "relpromo_dlq_payload_omitted";

    public static ProducerRecord<String, byte[]> of(String consumer, ConsumerRecord<String, byte[]> refused,
                                                    Throwable reason) {
        return of(consumer, refused, describe(reason), reason.getClass().getSimpleName(), PipelineOptions.DEFAULT.maxRecordBytes());
    }

    /**
     * A dead letter with an explicit reason; the payload is kept when it fits within {@code maxRecordBytes} with
     * its headers, otherwise only the reference is.
     */
    public static ProducerRecord<String, byte[]> of(String consumer, ConsumerRecord<String, byte[]> refused,
                                                    String reason, String errorType, int maxRecordBytes) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : refused.headers()) {
            headers.add(h);
        }
        put(headers, CeHeaders.DLQ_REASON, bound(reason));
        put(headers, CeHeaders.DLQ_ERROR_TYPE, errorType);
        put(headers, CeHeaders.DLQ_TOPIC, refused.topic());
        put(headers, CeHeaders.DLQ_PARTITION, Integer.toString(refused.partition()));
        put(headers, CeHeaders.DLQ_OFFSET, Long.toString(refused.offset()));
        put(headers, CeHeaders.DLQ_SERVICE, consumer);
        byte[] value = refused.value();
        ProducerRecord<String, byte[]> full = new ProducerRecord<>(Topics.deadLetters(consumer).name(), null,
                refused.key(), value, headers);
        if (value == null || RecordSizes.estimate(full) <= maxRecordBytes) {
            return full;
        }
        put(headers, PAYLOAD_OMITTED, Integer.toString(value.length));
        return new ProducerRecord<>(full.topic(), null, refused.key(), null, headers);
    }

    static String describe(Throwable reason) {
        return reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage();
    }

    static String bound(String reason) {
        if (reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        return reason.substring(0, MAX_REASON_CHARS) + "… [truncated " + (reason.length() - MAX_REASON_CHARS) + " chars]";
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
