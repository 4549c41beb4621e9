package dev.relpromo.kit.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/** Upper estimates of a record's size on the wire, to keep outputs within the broker's limit before sending. */
final class RecordSizes {
    private RecordSizes() {
    }

    /** Record batch and record framing, generously rounded up. */
    private static final int OVERHEAD = 128;

    static long estimate(ProducerRecord<String, byte[]> record) {
        long size = OVERHEAD;
        if (record.key() != null) {
            size += record.key().getBytes(StandardCharsets.UTF_8).length;
        }
        if (record.value() != null) {
            size += record.value().length;
        }
        for (Header h : record.headers()) {
            size += 8 + h.key().getBytes(StandardCharsets.UTF_8).length + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }
}
