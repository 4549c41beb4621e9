package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.relpromo.events.Artifact;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
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

class GraphTopologyTest extends GraphTestBase {
    @Test
    void everyInternalResourceHasAnExplicitName() {
        Properties p = GraphService.properties(KafkaSettings.local("dummy:9092", "test"), stateDir);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        StreamsBuilder strict = new StreamsBuilder(new TopologyConfig(new StreamsConfig(p)));
        assertThatCode(() -> GraphTopology.build(strict)).doesNotThrowAnyException();
        String described = GraphTopology.build(new StreamsBuilder()).describe().toString();
        assertThat(described).contains("results-by-release-repartition", "stores: [graph-tasks, graph-phases]")
                .doesNotContain("KSTREAM-");
    }

    // --- a Linux partner chain: build node → repack → chunking dummy → repackage-signing → beetmover ---

    @Test
    void runsTheLinuxChainAndCompletesThePhaseExactlyOnce() {
        plan(chain(), true);
        assertThat(work(Service.REPACK)).isEmpty();
        build();

        List<WorkItem> repacks = work(Service.REPACK);
        assertThat(repacks).singleElement().satisfies(w -> {
            assertThat(w.task().label()).isEqualTo(REPACK);
            assertThat(w.attempt()).isEqualTo(1);
            assertThat(w.upstreamArtifact("target.tar.xz")).get().extracting(Artifact::uri)
                    .isEqualTo("file:///builds/linux-x86_64/de/target.tar.xz");
        });

        result(Service.REPACK, REPACK, "release-partner-repack", 1, stored("target.tar.xz"));
        // The chunking dummy completes in the graph and passes the repack's artifacts to repackage-signing.
        assertThat(work(Service.SIGNING)).singleElement().satisfies(w -> {
            assertThat(w.task().label()).isEqualTo(SIGN);
            assertThat(w.upstream()).singleElement().satisfies(u -> {
                assertThat(u.kind()).isEqualTo("release-partner-repack-chunking-dummy");
                assertThat(u.artifacts()).containsExactly(stored("target.tar.xz"));
            });
        });

        result(Service.SIGNING, SIGN, "release-partner-repack-repackage-signing", 1, stored("target.tar.xz"),
                stored("target.tar.xz.asc"));
        assertThat(work(Service.BEETMOVER)).singleElement().extracting(w -> w.task().label()).isEqualTo(BEET);
        assertThat(read(Topics.PHASE_EVENTS.name())).isEmpty();

        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", 1, stored("firefox-130.0.tar.xz"));
        List<Envelope<?>> done = read(Topics.PHASE_EVENTS.name());
        assertThat(done).singleElement().satisfies(e -> {
            assertThat(e.as(PhaseCompleted.class).taskCount()).isEqualTo(5);
            assertThat(e.id()).isEqualTo("phase-completed:" + R + "/promote:sha256:x/v1");
        });
        PhaseStatus status = lastStatus();
        assertThat(status.complete()).isTrue();
        assertThat(status.total()).isEqualTo(new PhaseStatus.Counts(0, 0, 5, 0));

        // A duplicate of any result changes nothing: no new work, no second "phase completed".
        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", 1, stored("firefox-130.0.tar.xz"));
        result(Service.REPACK, REPACK, "release-partner-repack", 1, stored("target.tar.xz"));
        build();
        assertThat(read(Topics.PHASE_EVENTS.name())).isEmpty();
        assertThat(work(Service.SIGNING)).isEmpty();
        assertThat(work(Service.BEETMOVER)).isEmpty();
    }

    @Test
    void aFanInTaskWaitsForEveryUpstreamAndCarriesAllTheirResults() {
        List<TaskDefined> defs = new java.util.ArrayList<>();
        List<String> repacks = new java.util.ArrayList<>();
        for (String locale : List.of("de", "fr", "it")) {
            String build = TaskIds.buildSigningLabel(Platform.LINUX64, locale);
            String repack = "release-eme-free-repack-x-" + locale;
            defs.add(def(build, TaskIds.EXTERNAL_SIGNING_KIND, Service.EXTERNAL));
            defs.add(def(repack, "release-eme-free-repack", Service.REPACK, build));
            repacks.add(repack);
        }
        defs.add(def("release-eme-free-repack-mac-signing-x-1", "release-eme-free-repack-mac-signing", Service.SIGNING,
                repacks.toArray(String[]::new)));
        plan(defs, true);
        pipe(Topics.BUILDS.name(), R, new BuildCompleted(R, Platform.LINUX64, "l10n-signing", List.of("de", "fr", "it")
                .stream().map(l -> new BuildCompleted.LocaleBuild(l, List.of(new Artifact("target.tar.xz",
                        "file:///" + l, H, 1)), null)).toList()));
        assertThat(work(Service.REPACK)).hasSize(3);
        result(Service.REPACK, repacks.get(0), "release-eme-free-repack", 1, stored("a"));
        result(Service.REPACK, repacks.get(2), "release-eme-free-repack", 1, stored("c"));
        assertThat(work(Service.SIGNING)).isEmpty();
        result(Service.REPACK, repacks.get(1), "release-eme-free-repack", 1, stored("b"));
        assertThat(work(Service.SIGNING)).singleElement().satisfies(w -> assertThat(w.upstream())
                .extracting(TaskCompleted::label).containsExactlyElementsOf(repacks));
        assertThat(lastStatus().kinds().get("release-eme-free-repack-mac-signing").running()).isEqualTo(1);
    }

    @Test
    void aRespinPlanReopensTheCompletedPhaseAndCompletesItOnceMore() {
        plan(chain(), true);
        build();
        result(Service.REPACK, REPACK, "release-partner-repack", 1, stored("target.tar.xz"));
        result(Service.SIGNING, SIGN, "release-partner-repack-repackage-signing", 1, stored("s"));
        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", 1, stored("b"));
        assertThat(read(Topics.PHASE_EVENTS.name())).hasSize(1);
        work(Service.REPACK);

        // v2 of the same partner: new tasks on the same build node, then its own seal.
        List<TaskDefined> respin = List.of(def(BUILD, TaskIds.EXTERNAL_SIGNING_KIND, Service.EXTERNAL),
                def(REPACK + "-v2", "release-partner-repack", Service.REPACK, BUILD));
        respin.forEach(d -> pipe(Topics.GRAPH_TASKS.name(), R, d));
        pipe(Topics.GRAPH_TASKS.name(), R, new GraphSealed(R, Phase.PROMOTE, 2, "sha256:x", 2));
        pipe(Topics.GRAPH_TASKS.name(), R, new GraphSealed(R, Phase.PROMOTE, 2, "sha256:x", 2)); // duplicate seal
        assertThat(work(Service.REPACK)).singleElement().extracting(w -> w.task().label()).isEqualTo(REPACK + "-v2");
        PhaseStatus reopened = lastStatus();
        assertThat(reopened.complete()).isFalse();
        assertThat(reopened.taskCount()).isEqualTo(6);

        result(Service.REPACK, REPACK + "-v2", "release-partner-repack", 1, stored("v2"));
        assertThat(read(Topics.PHASE_EVENTS.name())).singleElement()
                .satisfies(e -> assertThat(e.id()).endsWith(":sha256:x/v2"));
        assertThat(lastStatus().complete()).isTrue();
    }

    @Test
    void aBuildThatLandsBeforeThePlanStartsTheRepackWhenItIsDefined() {
        build();
        assertThat(work(Service.REPACK)).isEmpty();
        plan(chain(), true);
        assertThat(work(Service.REPACK)).singleElement().extracting(w -> w.task().label()).isEqualTo(REPACK);
        assertThat(lastStatus().kinds().get(TaskIds.EXTERNAL_SIGNING_KIND).completed()).isEqualTo(1);
    }

    @Test
    void showsFailedTasksWithErrorAndInputAndIgnoresOldAttempts() {
        plan(chain(), true);
        build();
        work(Service.REPACK);
        result(Service.REPACK, REPACK, "release-partner-repack", 2, stored("target.tar.xz"));
        assertThat(work(Service.SIGNING)).as("attempt 2 is not the current attempt").isEmpty();

        pipe(Topics.results(Service.REPACK).name(), id(REPACK), new TaskFailed(R, Phase.PROMOTE, id(REPACK), REPACK,
                "release-partner-repack", 1, "archive entry '../x' escapes the archive root", "UnsafeArchiveException",
                "relpromo.work.repack/0@3", List.of()));
        PhaseStatus status = lastStatus();
        assertThat(status.complete()).isFalse();
        assertThat(status.kinds().get("release-partner-repack").failed()).isEqualTo(1);
        assertThat(status.failed()).singleElement().satisfies(f -> {
            assertThat(f.label()).isEqualTo(REPACK);
            assertThat(f.error()).contains("escapes the archive root");
            assertThat(f.input()).isEqualTo("relpromo.work.repack/0@3");
        });
        assertThat(status.kinds().get("release-partner-repack-beetmover").pending()).isEqualTo(1);
    }

    @Test
    void anUnsealedPhaseNeverCompletes() {
        plan(chain(), false);
        build();
        result(Service.REPACK, REPACK, "release-partner-repack", 1, stored("target.tar.xz"));
        result(Service.SIGNING, SIGN, "release-partner-repack-repackage-signing", 1, stored("a"));
        result(Service.BEETMOVER, BEET, "release-partner-repack-beetmover", 1, stored("b"));
        assertThat(read(Topics.PHASE_EVENTS.name())).isEmpty();
        assertThat(lastStatus().complete()).isFalse();
        pipe(Topics.GRAPH_TASKS.name(), R, new GraphSealed(R, Phase.PROMOTE, 5, "sha256:x", 1));
        assertThat(read(Topics.PHASE_EVENTS.name())).hasSize(1);
    }

    @Test
    void invalidEventsGoToTheDeadLetterTopicWithTheReason() {
        ProducerRecord<String, byte[]> r = codec.record(Topics.GRAPH_TASKS.name(), R, chain().get(1), R);
        byte[] broken = new String(r.value(), StandardCharsets.UTF_8).replace("\"kind\"", "\"kinds\"")
                .getBytes(StandardCharsets.UTF_8);
        driver.createInputTopic(Topics.GRAPH_TASKS.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(R, broken, r.headers()));
        // Wrong key: graph inputs must be keyed by release.
        pipe(Topics.GRAPH_TASKS.name(), "Firefox-1.0-build1", chain().get(0));

        var dead = driver.createOutputTopic(Topics.deadLetters("graph").name(), new StringDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0).headers(), CeHeaders.DLQ_REASON)).contains("kind");
        assertThat(header(dead.get(0).headers(), CeHeaders.DLQ_TOPIC)).isEqualTo(Topics.GRAPH_TASKS.name());
        assertThat(header(dead.get(1).headers(), CeHeaders.DLQ_REASON)).contains("does not match the event's release");
        assertThat(dead.get(0).value()).isEqualTo(broken);
    }

    @Test
    void statusIsQueryableFromTheStores() {
        plan(chain(), true);
        build();
        Map<String, PhaseState> all = new java.util.TreeMap<>();
        driver.<String, PhaseState>getKeyValueStore(GraphTopology.PHASES_STORE).all()
                .forEachRemaining(kv -> all.put(kv.key, kv.value));
        assertThat(all).containsOnlyKeys(R + "/promote");
        PhaseStatus s = all.get(R + "/promote").toStatus();
        assertThat(s.total()).isEqualTo(new PhaseStatus.Counts(3, 1, 1, 0));
        assertThat(s.sealed()).isTrue();
    }
}
