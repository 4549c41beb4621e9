package dev.relpromo.graph;

import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.kit.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the graph processor writes, routed by topic: events (kept under the broker's size limit, else
 * dead-lettered as a reference) and refused inputs (dead-lettered with the reason).
 */
final class GraphOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(GraphOutputs.class);

    private final ProcessorContext<String, Routed> context;
    private final EventCodec codec;
    /** The input record being processed: outputs take its timestamp. */
    Record<String, byte[]> current;

    GraphOutputs(ProcessorContext<String, Routed> context, EventCodec codec) {
        this.context = context;
        this.codec = codec;
    }

    void emit(String topic, String key, Envelope<?> event) {
        byte[] value = codec.value(event);
        if (value.length > TooLarge.MAX_OUTPUT_BYTES) {
            tooLarge(topic, key, value.length, "output of " + value.length + " bytes to " + topic
                    + " is larger than the limit of " + TooLarge.MAX_OUTPUT_BYTES + " bytes");
            return;
        }
        forward(topic, key, value, codec.headers(event));
    }

    void forward(String topic, String key, byte[] value, Headers headers) {
        context.forward(new Record<>(key, new Routed(topic, value), current.timestamp(), headers));
    }

    void tooLarge(String topic, String key, int size, String why) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        LOG.warn("graph: not sending {} to {}: {}", key, topic, why);
        ProducerRecord<byte[], byte[]> dead = TooLarge.deadLetter(topic, key.getBytes(StandardCharsets.UTF_8), size,
                meta == null ? "unknown" : meta.topic(), meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(), why);
        context.forward(new Record<>(key, new Routed(dead.topic(), dead.value()), current.timestamp(), dead.headers()));
    }

    void deadLetter(Record<String, byte[]> record, Exception reason) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        ConsumerRecord<String, byte[]> refused = new ConsumerRecord<>(
                meta == null ? "unknown" : meta.topic(), meta == null ? -1 : meta.partition(),
                meta == null ? -1 : meta.offset(), record.timestamp(), TimestampType.CREATE_TIME,
                -1, -1, record.key(), record.value(), new RecordHeaders(record.headers().toArray()),
                java.util.Optional.empty());
        ProducerRecord<String, byte[]> dead = DeadLetters.of("graph", refused, reason);
        LOG.warn("graph: refused a record from {}: {}", refused.topic(), reason.getMessage());
        context.forward(new Record<>(record.key(), new Routed(dead.topic(), dead.value()), record.timestamp(),
                dead.headers()));
    }

}
