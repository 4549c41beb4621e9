package dev.relpromo.graph;

import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An output the broker would refuse for its size is dead-lettered as a reference — the reason, where the input
 * came from, the output's topic, key and size — never with its payload (which would not fit either).
 */
final class TooLarge {
    private TooLarge() {
    }

    /** Outputs above this are not sent: the producer's default {@code max.request.size} is 1 MiB, headers included. */
    static final int MAX_OUTPUT_BYTES = 1_000_000;
    static final String OUTPUT_TOPIC_HEADER = "relpromo_dlq_output_topic";
    static final String SIZE_HEADER = "relpromo_dlq_size";

    static ProducerRecord<byte[], byte[]> deadLetter(String outputTopic, byte[] key, long size, String sourceTopic,
                                                     int partition, long offset, String reason) {
        RecordHeaders h = new RecordHeaders();
        put(h, CeHeaders.DLQ_REASON, reason);
        put(h, CeHeaders.DLQ_ERROR_TYPE, "RecordTooLargeException");
        put(h, CeHeaders.DLQ_TOPIC, String.valueOf(sourceTopic));
        put(h, CeHeaders.DLQ_PARTITION, Integer.toString(partition));
        put(h, CeHeaders.DLQ_OFFSET, Long.toString(offset));
        put(h, CeHeaders.DLQ_SERVICE, "graph");
        put(h, OUTPUT_TOPIC_HEADER, outputTopic);
        put(h, SIZE_HEADER, Long.toString(size));
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("reason", reason);
        reference.put("output_topic", outputTopic);
        reference.put("key", key == null ? null : new String(key, StandardCharsets.UTF_8));
        reference.put("size", size);
        reference.put("source", sourceTopic + "/" + partition + "@" + offset);
        return new ProducerRecord<>(Topics.deadLetters("graph").name(), null, key,
                EventCodec.json(reference).getBytes(StandardCharsets.UTF_8), h);
    }

    private static void put(RecordHeaders h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
