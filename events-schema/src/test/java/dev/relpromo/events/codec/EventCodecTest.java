package dev.relpromo.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.TaskCompleted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final String RELEASE = "Firefox-130.0-build1";
    private final EventCodec codec = new EventCodec("/relpromo/test");

    private TaskCompleted completed() {
        return new TaskCompleted(RELEASE, Phase.PROMOTE, RELEASE + "/release-partner-repack-linux64-shippable-a-b-de",
                "release-partner-repack-linux64-shippable-a-b-de", "release-partner-repack", 1,
                List.of(Artifact.stored("target.tar.bz2", "releng/partner/a/b/de/target.tar.bz2", "a".repeat(128), 10)));
    }

    @Test
    void writesCloudEventsBinaryModeHeadersAndPlainJsonValue() throws Exception {
        ProducerRecord<String, byte[]> record = codec.record("t", "k", completed(), RELEASE);
        Headers h = record.headers();
        assertThat(EventCodec.header(h, CeHeaders.TYPE)).isEqualTo("relpromo.task.completed.v1");
        assertThat(EventCodec.header(h, CeHeaders.SPECVERSION)).isEqualTo("1.0");
        assertThat(EventCodec.header(h, CeHeaders.SOURCE)).isEqualTo("/relpromo/test");
        assertThat(EventCodec.header(h, CeHeaders.SUBJECT)).isEqualTo(RELEASE);
        assertThat(EventCodec.header(h, CeHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(EventCodec.header(h, CeHeaders.ID)).isNotBlank();
        assertThat(EventCodec.header(h, CeHeaders.TIME)).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        var json = EventCodec.mapper().readTree(record.value());
        assertThat(json.get("task_id").asText()).endsWith("-de");
        assertThat(json.has("attempt")).isTrue();

        Envelope<?> back = codec.decode(h, record.value());
        assertThat(back.data()).isEqualTo(completed());
        assertThat(back.subject()).isEqualTo(RELEASE);
    }

    @Test
    void rejectsAValueThatMissesARequiredFieldNamingTheField() throws Exception {
        ProducerRecord<String, byte[]> record = codec.record("t", "k", completed(), RELEASE);
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(record.value());
        json.remove("attempt");
        byte[] bad = EventCodec.mapper().writeValueAsBytes(json);
        assertThatThrownBy(() -> codec.decode(record.headers(), bad))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("relpromo.task.completed.v1")
                .hasMessageContaining("attempt");
    }

    @Test
    void rejectsAWrongFieldValueNamingItsPath() throws Exception {
        ProducerRecord<String, byte[]> record = codec.record("t", "k", completed(), RELEASE);
        ObjectNode json = (ObjectNode) EventCodec.mapper().readTree(record.value());
        ((ObjectNode) json.get("artifacts").get(0)).put("sha512", "not-a-hash");
        byte[] bad = EventCodec.mapper().writeValueAsBytes(json);
        assertThatThrownBy(() -> codec.decode(record.headers(), bad))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("field /artifacts/0/sha512");
    }

    @Test
    void rejectsAnUnknownTypeAMissingHeaderAndNonJson() {
        ProducerRecord<String, byte[]> record = codec.record("t", "k", completed(), RELEASE);
        Headers unknown = codec.headers(codec.envelope(completed(), RELEASE));
        unknown.remove(CeHeaders.TYPE);
        unknown.add(CeHeaders.TYPE, "relpromo.nope.v1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.decode(unknown, record.value())).hasMessageContaining("unknown event type");

        Headers noId = codec.headers(codec.envelope(completed(), RELEASE));
        noId.remove(CeHeaders.ID);
        assertThatThrownBy(() -> codec.decode(noId, record.value())).hasMessageContaining("header ce_id is missing");

        assertThatThrownBy(() -> codec.decode(record.headers(), "{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not JSON");
    }

    @Test
    void refusesToWriteAnInvalidEvent() {
        TaskCompleted bad = new TaskCompleted("not a release", Phase.PROMOTE, "x/y", "y", "k", 1, List.of());
        assertThatThrownBy(() -> codec.record("t", "k", bad, "x"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("field /release");
    }

    @Test
    void readsOlderVersionsOfATypeAgainstTheirOwnSchema() {
        byte[] v1Value = ("{\"release\":\"" + RELEASE + "\",\"phase\":\"promote\",\"task_id\":\"" + RELEASE + "/x\","
                + "\"label\":\"x\",\"kind\":\"release-partner-repack\",\"service\":\"repack\",\"upstreams\":[],"
                + "\"params\":{}}").getBytes(StandardCharsets.UTF_8);
        dev.relpromo.events.TaskDefined current = new dev.relpromo.events.TaskDefined(RELEASE, Phase.PROMOTE,
                RELEASE + "/x", "x", "release-partner-repack", dev.relpromo.events.Service.REPACK, null, List.of(),
                null);
        ProducerRecord<String, byte[]> record = codec.record("t", "k", new TaskCompleted(RELEASE, Phase.PROMOTE,
                RELEASE + "/x", "x", "release-partner-repack", 1, List.of()), RELEASE);
        Headers old = record.headers();
        old.remove(CeHeaders.TYPE);
        old.add(CeHeaders.TYPE, "relpromo.task.defined.v1".getBytes(StandardCharsets.UTF_8));
        dev.relpromo.events.TaskDefined read = (dev.relpromo.events.TaskDefined) codec.decode(old, v1Value).data();
        assertThat(read.taskId()).isEqualTo(current.taskId());
        assertThat(read.params()).isInstanceOf(dev.relpromo.events.params.RepackParams.class);

        // A v1 event must not carry v2 fields: it is validated against the v1 schema.
        byte[] planned = new String(v1Value, StandardCharsets.UTF_8).replace("\"params\":{}",
                "\"params\":{},\"plan\":\"0123456789abcdef\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decode(old, planned)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("relpromo.task.defined.v1").hasMessageContaining("plan");
        assertThat(EventCodec.header(codec.headers(codec.envelope(current, RELEASE)), CeHeaders.TYPE))
                .isEqualTo("relpromo.task.defined.v3");

        Headers future = codec.headers(codec.envelope(current, RELEASE));
        future.remove(CeHeaders.TYPE);
        future.add(CeHeaders.TYPE, "relpromo.task.defined.v4".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.decode(future, v1Value)).hasMessageContaining("unknown event type");
    }
}
