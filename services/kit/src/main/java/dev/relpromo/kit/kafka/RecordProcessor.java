package dev.relpromo.kit.kafka;

import dev.relpromo.events.codec.Envelope;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Turns one valid input event into the records to publish in the same transaction as its offset. */
@FunctionalInterface
public interface RecordProcessor {
    List<ProducerRecord<String, byte[]>> process(Envelope<?> event, ConsumerRecord<String, byte[]> record) throws Exception;
}
