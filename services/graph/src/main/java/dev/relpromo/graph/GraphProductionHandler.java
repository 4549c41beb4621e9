package dev.relpromo.graph;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output the broker refuses for its size is dead-lettered to {@code relpromo.dlq.graph} as a reference (reason,
 * input topic/partition/offset, output topic, key, size — not the payload) and processing goes on; any other
 * production error fails as by default. The processor already keeps its outputs under the limit (see
 * {@link TooLarge}); this catches a broker or topic configured with a smaller one.
 */
public final class GraphProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GraphProductionHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (!(exception instanceof RecordTooLargeException)) {
            return Response.fail();
        }
        long size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        String reason = "output of " + size + " bytes to " + record.topic() + " refused: " + exception.getMessage();
        LOG.warn("graph: {} (input {}/{}@{}); dead-lettered as a reference", reason, context.topic(),
                context.partition(), context.offset());
        return Response.resume(List.of(TooLarge.deadLetter(record.topic(), record.key(), size, context.topic(),
                context.partition(), context.offset(), reason)));
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
