package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.RerunRequested;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph topology on a TopologyTestDriver, with a Linux partner chain and helpers to feed and read it. */
abstract class GraphTestBase {
    static final String R = "Firefox-130.0-build1";
    static final String H = "a".repeat(128);
    final EventCodec codec = new EventCodec("/relpromo/test");
    TopologyTestDriver driver;
    @TempDir
    Path stateDir;

    @BeforeEach
    void setUp() {
        Properties p = GraphService.properties(KafkaSettings.local("dummy:9092", "test"), stateDir);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(GraphTopology.build(new StreamsBuilder()), p);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    static String id(String label) {
        return TaskIds.of(R, label);
    }

    static final String BUILD = TaskIds.buildSigningLabel(Platform.LINUX64, "de");
    static final String REPACK = "release-partner-repack-linux64-shippable-acme-acme-1-de";
    static final String DUMMY = "release-partner-repack-chunking-dummy-linux64-shippable-acme-acme-1-de";
    static final String SIGN = "release-partner-repack-repackage-signing-linux64-shippable-acme-acme-1-de";
    static final String BEET = "release-partner-repack-beetmover-linux64-shippable-acme-acme-1-de";

    static TaskDefined def(String label, String kind, Service service, String... upstreams) {
        return new TaskDefined(R, Phase.PROMOTE, id(label), label, kind, service, Platform.LINUX64,
                List.of(upstreams).stream().map(GraphTopologyTest::id).toList(), null);
    }

    static List<TaskDefined> chain() {
        return List.of(
                def(BUILD, TaskIds.EXTERNAL_SIGNING_KIND, Service.EXTERNAL),
                def(REPACK, "release-partner-repack", Service.REPACK, BUILD),
                def(DUMMY, "release-partner-repack-chunking-dummy", Service.GRAPH, REPACK),
                def(SIGN, "release-partner-repack-repackage-signing", Service.SIGNING, DUMMY),
                def(BEET, "release-partner-repack-beetmover", Service.BEETMOVER, SIGN));
    }

    void pipe(String topic, String key, Object event) {
        ProducerRecord<String, byte[]> r = codec.record(topic, key, event, R);
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(key, r.value(), r.headers()));
    }

    void plan(List<TaskDefined> defs, boolean seal) {
        defs.forEach(d -> pipe(Topics.GRAPH_TASKS.name(), R, d));
        if (seal) {
            pipe(Topics.GRAPH_TASKS.name(), R, new GraphSealed(R, Phase.PROMOTE, defs.size(), "sha256:x", 1));
        }
    }

    void build() {
        pipe(Topics.BUILDS.name(), R, new BuildCompleted(R, Platform.LINUX64, "build-signing-linux64-shippable",
                List.of(new BuildCompleted.LocaleBuild("de", List.of(new Artifact("target.tar.xz",
                        "file:///builds/linux-x86_64/de/target.tar.xz", H, 10)), null))));
    }

    void result(Service service, String label, String kind, int attempt, Artifact... artifacts) {
        pipe(Topics.results(service).name(), id(label),
                new TaskCompleted(R, Phase.PROMOTE, id(label), label, kind, attempt, List.of(artifacts)));
    }

    List<WorkItem> work(Service service) {
        return read(Topics.work(service).name()).stream().map(e -> e.as(WorkItem.class)).toList();
    }

    List<Envelope<?>> read(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList().stream().map(r -> codec.decode(r.headers(), r.value())).collect(Collectors.toList());
    }

    PhaseStatus lastStatus() {
        List<Envelope<?>> statuses = read(Topics.STATUS.name());
        assertThat(statuses).isNotEmpty();
        return statuses.get(statuses.size() - 1).as(PhaseStatus.class);
    }

    static Artifact stored(String name) {
        return Artifact.stored(name, "releng/partner/x/" + name, H, 10);
    }

    static String header(org.apache.kafka.common.header.Headers h, String name) {
        return EventCodec.header(h, name);
    }

    /** Defines the tasks as one plan and seals it. */
    void plan(String plan, String configHash, int partnerBuildNumber, List<TaskDefined> defs) {
        defs.forEach(d -> pipe(Topics.GRAPH_TASKS.name(), R, d.withPlan(plan)));
        pipe(Topics.GRAPH_TASKS.name(), R,
                new GraphSealed(R, Phase.PROMOTE, defs.size(), configHash, partnerBuildNumber, plan));
    }

    void rerun(String task, boolean withDependents, String requestId) {
        pipe(Topics.RERUNS.name(), R, new RerunRequested(R, null, task, withDependents, "test", requestId));
    }

    void failed(Service service, String label, String kind, int attempt, String error) {
        pipe(Topics.results(service).name(), id(label), new TaskFailed(R, Phase.PROMOTE, id(label), label, kind, attempt,
                error, "TaskFailureException", "relpromo.work." + service.id() + "/0@1", List.of()));
    }

    List<PhaseCompleted> completedPlans() {
        return read(Topics.PHASE_EVENTS.name()).stream().map(e -> e.as(PhaseCompleted.class)).toList();
    }

    List<org.apache.kafka.streams.test.TestRecord<String, byte[]>> deadLetters() {
        return driver.createOutputTopic(Topics.deadLetters("graph").name(), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
    }

    PhaseState phaseState() {
        return driver.<String, PhaseState>getKeyValueStore(GraphTopology.PHASES_STORE).get(R + "/promote");
    }

    TaskNode node(String label) {
        return driver.<String, TaskNode>getKeyValueStore(GraphTopology.TASKS_STORE).get(id(label));
    }

    /** Builds, then completes the chain's repack, signing and beetmover with the given signing artifacts. */
    void runChain(int attempt) {
        build();
        result(Service.REPACK, REPACK, "release-partner-repack", attempt, stored("target.tar.xz"));
        result(Service.SIGNING, SIGN, "release-partner-repack-repackage-signing", attempt, stored("s"));
        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", attempt, stored("b"));
    }
}
