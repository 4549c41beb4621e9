package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class GraphProductionHandlerTest {
    static final ErrorHandlerContext FROM_BUILDS = new ErrorHandlerContext() {
        public String topic() { return "relpromo.builds"; }
        public int partition() { return 4; }
        public long offset() { return 17; }
        public Headers headers() { return new RecordHeaders(); }
        public String processorNodeId() { return "graph-processor"; }
        public TaskId taskId() { return new TaskId(0, 4); }
        public long timestamp() { return 0; }
        public byte[] sourceRawKey() { return null; }
        public byte[] sourceRawValue() { return null; }
    };

    @Test
    void anOversizeOutputIsDeadLetteredAsAReferenceAndProcessingGoesOn() {
        byte[] key = "Firefox-130.0-build1/sign-de".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> huge = new ProducerRecord<>("relpromo.work.signing", key, new byte[2_000_000]);
        ProductionExceptionHandler.Response response = new GraphProductionHandler().handleError(FROM_BUILDS, huge,
                new RecordTooLargeException("The message is 2000123 bytes when serialized which is larger than 1048576"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(Topics.deadLetters("graph").name());
            assertThat(dead.key()).isEqualTo(key);
            assertThat(dead.value().length).as("a reference, not the payload").isLessThan(1000);
            assertThat(EventCodec.header(dead.headers(), CeHeaders.DLQ_REASON)).isEqualTo("output of 2000028 bytes to "
                    + "relpromo.work.signing refused: The message is 2000123 bytes when serialized which is larger than 1048576");
            assertThat(EventCodec.header(dead.headers(), CeHeaders.DLQ_TOPIC)).isEqualTo("relpromo.builds");
            assertThat(EventCodec.header(dead.headers(), CeHeaders.DLQ_PARTITION)).isEqualTo("4");
            assertThat(EventCodec.header(dead.headers(), CeHeaders.DLQ_OFFSET)).isEqualTo("17");
            assertThat(EventCodec.header(dead.headers(), TooLarge.OUTPUT_TOPIC_HEADER)).isEqualTo("relpromo.work.signing");
            assertThat(EventCodec.header(dead.headers(), TooLarge.SIZE_HEADER)).isEqualTo("2000028");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"source\":\"relpromo.builds/4@17\"",
                    "\"key\":\"Firefox-130.0-build1/sign-de\"", "\"size\":2000028");
        });
    }

    @Test
    void otherProductionErrorsFailAsByDefault() {
        ProductionExceptionHandler.Response response = new GraphProductionHandler().handleError(FROM_BUILDS,
                new ProducerRecord<>("t", new byte[1]), new SerializationException("x"));
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void theGraphUsesIt() {
        assertThat(GraphService.properties(dev.relpromo.kit.kafka.KafkaSettings.local("x:1", "t"), java.nio.file.Path.of("s"))
                .get(org.apache.kafka.streams.StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
                .isEqualTo(GraphProductionHandler.class);
    }
}
