package dev.relpromo.graph;

import org.apache.kafka.common.serialization.Serializer;

/** An output of the graph processor: the topic it goes to and the encoded event value (headers ride on the record). */
record Routed(String topic, byte[] value) {
    static final Serializer<Routed> VALUE_SERIALIZER = (topic, routed) -> routed == null ? null : routed.value();
}
