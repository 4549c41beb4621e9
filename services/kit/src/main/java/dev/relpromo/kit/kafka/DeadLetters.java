package dev.relpromo.kit.kafka;

import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds dead-letter records: the refused record as it was, plus why and where it came from. */
public final class DeadLetters {
    private DeadLetters() {
    }

    public static ProducerRecord<String, byte[]> of(String consumer, ConsumerRecord<String, byte[]> refused,
                                                    Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : refused.headers()) {
            headers.add(h);
        }
        String message = reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage();
        put(headers, CeHeaders.DLQ_REASON, message);
        put(headers, CeHeaders.DLQ_ERROR_TYPE, reason.getClass().getSimpleName());
        put(headers, CeHeaders.DLQ_TOPIC, refused.topic());
        put(headers, CeHeaders.DLQ_PARTITION, Integer.toString(refused.partition()));
        put(headers, CeHeaders.DLQ_OFFSET, Long.toString(refused.offset()));
        put(headers, CeHeaders.DLQ_SERVICE, consumer);
        return new ProducerRecord<>(Topics.deadLetters(consumer).name(), null, refused.key(), refused.value(), headers);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
