package dev.relpromo.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.params.BeetmoverParams;
import dev.relpromo.events.params.ChunkRef;
import dev.relpromo.events.params.ReleaseRef;
import dev.relpromo.events.params.RepackParams;
import dev.relpromo.events.params.RepackRef;
import dev.relpromo.events.params.SigningParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/** Parameters are typed per service on the wire, and events written before that still read, as typed records. */
class TypedParamsTest {
    private static final String RELEASE = "Firefox-130.0-build1";
    private static final ReleaseRef FIREFOX_130 = new ReleaseRef("firefox", "130.0", 1);
    private static final RepackRef ACME_DE = new RepackRef("partner", "acme/acme-1/de", "acme", "acme-1", "de", 1);

    private final EventCodec codec = new EventCodec("/test");

    @Test
    void paramsCarryTheirServiceAsTypeAndRoundTrip() {
        TaskDefined beetmover = task("release-partner-repack-beetmover", Service.BEETMOVER,
                new BeetmoverParams(FIREFOX_130, ACME_DE, "partner-repacks/acme/acme-1/v1/win64/de"));
        ProducerRecord<String, byte[]> record = codec.record("t", "k", beetmover, RELEASE);

        ObjectNode json = (ObjectNode) read(record.value()).get("params");
        assertThat(json.get("type").asText()).isEqualTo("beetmover");
        assertThat(json.get("repack").get("sub_config").asText()).isEqualTo("acme-1");
        assertThat(codec.decode(record.headers(), record.value()).data()).isEqualTo(beetmover);
    }

    @Test
    void aChunkOrARepackButNeverBoth() {
        assertThatThrownBy(() -> new SigningParams(FIREFOX_130, ACME_DE,
                new ChunkRef("partner", 1, List.of("acme/acme-1/de"))))
                .hasMessageContaining("either one repack or one chunk, not both");
    }

    @Test
    void paramsOfAnotherServiceAreRefusedByTheSchemaAndTheRecord() {
        TaskDefined repack = task("release-partner-repack", Service.REPACK, repackParams());
        ProducerRecord<String, byte[]> record = codec.record("t", "k", repack, RELEASE);
        String mislabelled = new String(record.value(), StandardCharsets.UTF_8)
                .replace("\"service\":\"repack\"", "\"service\":\"beetmover\"");

        assertThatThrownBy(() -> codec.decode(record.headers(), mislabelled.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("field /params/type");
        assertThatThrownBy(() -> new TaskDefined(RELEASE, Phase.PROMOTE, RELEASE + "/x", "x", "k", Service.SIGNING,
                null, List.of(), repackParams())).hasMessage("task Firefox-130.0-build1/x of service signing carries params of type repack");
    }

    @Test
    void flatParamsOfOlderEventsReadAsTheTypedRecordOfTheirService() {
        String v2 = """
                {"release":"Firefox-130.0-build1","phase":"promote","task_id":"Firefox-130.0-build1/x","label":"x",
                 "kind":"release-partner-repack","service":"repack","platform":"win32-shippable","upstreams":[],
                 "params":{"product":"firefox","version":"130.0","build_number":1,"repack_path":"partner",
                   "repack_id":"acme/acme-1/de","partner":"acme","sub_config":"acme-1","locale":"de",
                   "partner_build_number":1,"migration_wizard_disabled":true,"distribution_id":"acme",
                   "partner_config":{"name":"partner-config.zip","uri":"store:releng/partner-config/acme.zip","size":3}}}
                """;
        TaskDefined read = (TaskDefined) codec.decodeData(EventType.TASK_DEFINED, 2, v2.getBytes(StandardCharsets.UTF_8));

        assertThat(read.params()).isEqualTo(new RepackParams(FIREFOX_130, ACME_DE, null,
                new dev.relpromo.events.Artifact("partner-config.zip", "store:releng/partner-config/acme.zip", null, 3),
                true, "acme", null, null));
    }

    @Test
    void aLegacyChunkReadsAsASigningChunkInsideAVersion1WorkItem() {
        String v1 = """
                {"task":{"release":"Firefox-130.0-build1","phase":"promote","task_id":"Firefox-130.0-build1/c","label":"c",
                  "kind":"release-eme-free-repack-mac-signing","service":"signing","platform":"macosx64-shippable",
                  "upstreams":[],"params":{"product":"firefox","version":"130.0","build_number":1,
                  "repack_path":"eme-free","repack_ids":["mozilla-EME-free/mozilla-EME-free/de"]}},
                 "attempt":1,"upstream":[]}
                """;
        WorkItem item = (WorkItem) codec.decodeData(EventType.WORK_ITEM, 1, v1.getBytes(StandardCharsets.UTF_8));

        assertThat(item.task().params(SigningParams.class)).isEqualTo(new SigningParams(FIREFOX_130, null,
                new ChunkRef("eme-free", 1, List.of("mozilla-EME-free/mozilla-EME-free/de"))));
        assertThatThrownBy(() -> item.task().params(RepackParams.class))
                .hasMessageContaining("has params of type SigningParams, expected RepackParams");
    }

    @Test
    void currentEventsAreWrittenAtTheTypedVersions() {
        Headers headers = codec.record("t", "k", task("release-partner-repack", Service.REPACK, repackParams()), RELEASE)
                .headers();
        assertThat(EventCodec.header(headers, CeHeaders.TYPE)).isEqualTo("relpromo.task.defined.v3");
        WorkItem item = new WorkItem(task("release-partner-repack", Service.REPACK, repackParams()), 1, List.of());
        assertThat(EventCodec.header(codec.record("t", "k", item, RELEASE).headers(), CeHeaders.TYPE))
                .isEqualTo("relpromo.work.item.v3");
    }

    private static RepackParams repackParams() {
        return new RepackParams(FIREFOX_130, ACME_DE, null,
                new dev.relpromo.events.Artifact("partner-config.zip", "store:releng/partner-config/acme.zip", null, 3),
                false, "acme", null, null);
    }

    private static TaskDefined task(String kind, Service service, dev.relpromo.events.params.TaskParams params) {
        return new TaskDefined(RELEASE, Phase.PROMOTE, RELEASE + "/x", "x", kind, service, Platform.WIN64, List.of(),
                params);
    }

    private static com.fasterxml.jackson.databind.JsonNode read(byte[] value) {
        try {
            return EventCodec.mapper().readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
