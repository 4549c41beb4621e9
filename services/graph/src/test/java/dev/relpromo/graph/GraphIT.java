package dev.relpromo.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.embedded.BootstrapServers;
import dev.relpromo.embedded.KafkaExtension;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.Platform;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskIds;
import dev.relpromo.events.TaskParams;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.TopicProvisioner;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The graph on a real broker with exactly_once_v2: work flows, the phase completes once, status is queryable. */
@ExtendWith(KafkaExtension.class)
class GraphIT {
    static final String R = "Firefox-130.0-build9";
    static final String H = "a".repeat(128);
    final EventCodec codec = new EventCodec("/relpromo/test");

    @TempDir
    Path state;

    static TaskDefined def(String label, String kind, Service service, String... upstreams) {
        return new TaskDefined(R, Phase.PROMOTE, TaskIds.of(R, label), label, kind, service, Platform.LINUX64,
                List.of(upstreams).stream().map(u -> TaskIds.of(R, u)).toList(), TaskParams.empty());
    }

    @Test
    void dispatchesWorkAndCompletesThePhaseOnce(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, "graph-it");
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
        String build = TaskIds.buildSigningLabel(Platform.LINUX64, "de");
        List<TaskDefined> defs = List.of(def(build, TaskIds.EXTERNAL_SIGNING_KIND, Service.EXTERNAL),
                def("repack-de", "release-partner-repack", Service.REPACK, build),
                def("dummy-de", "release-partner-repack-chunking-dummy", Service.GRAPH, "repack-de"),
                def("sign-de", "release-partner-repack-repackage-signing", Service.SIGNING, "dummy-de"));
        try (GraphService graph = new GraphService(kafka, state);
             KafkaProducer<String, byte[]> producer = kafka.producer("graph-it");
             KafkaConsumer<String, byte[]> reader = kafka.consumer("graph-it-reader", Map.of())) {
            graph.start();
            assertThat(graph.awaitRunning(Duration.ofSeconds(60))).isTrue();
            reader.subscribe(List.of(Topics.work(Service.REPACK).name(), Topics.work(Service.SIGNING).name(),
                    Topics.PHASE_EVENTS.name()));
            for (TaskDefined d : defs) {
                producer.send(codec.record(Topics.GRAPH_TASKS.name(), R, d, R));
            }
            producer.send(codec.record(Topics.GRAPH_TASKS.name(), R, new GraphSealed(R, Phase.PROMOTE, 4, "sha256:x", 1), R));
            producer.send(codec.record(Topics.BUILDS.name(), R, new BuildCompleted(R, Platform.LINUX64, "build-signing",
                    List.of(new BuildCompleted.LocaleBuild("de", List.of(new Artifact("target.tar.xz", "file:///b.tar.xz", H, 1)), null))), R));
            producer.flush();

            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.topic().equals(Topics.work(Service.REPACK).name()));
            });
            WorkItem repack = codec.decode(seen.get(0)).as(WorkItem.class);
            assertThat(repack.task().label()).isEqualTo("repack-de");
            assertThat(seen.get(0).key()).isEqualTo(TaskIds.of(R, "repack-de"));

            TaskCompleted repacked = new TaskCompleted(R, Phase.PROMOTE, TaskIds.of(R, "repack-de"), "repack-de",
                    "release-partner-repack", 1, List.of(Artifact.stored("target.tar.xz", "releng/x", H, 1)));
            producer.send(codec.record(Topics.results(Service.REPACK).name(), repacked.taskId(), repacked, R));
            producer.send(codec.record(Topics.results(Service.REPACK).name(), repacked.taskId(), repacked, R)); // duplicate
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.topic().equals(Topics.work(Service.SIGNING).name()));
            });
            TaskCompleted signed = new TaskCompleted(R, Phase.PROMOTE, TaskIds.of(R, "sign-de"), "sign-de",
                    "release-partner-repack-repackage-signing", 1, List.of());
            producer.send(codec.record(Topics.results(Service.SIGNING).name(), signed.taskId(), signed, R));
            producer.send(codec.record(Topics.results(Service.SIGNING).name(), signed.taskId(), signed, R));
            producer.flush();

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> r.topic().equals(Topics.PHASE_EVENTS.name()) && R.equals(
                        codec.decode(r).subject()));
            });
            // Give any wrongly duplicated output time to show up, then check there is exactly one of each.
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(seen::add);
                return true;
            });
            assertThat(seen.stream().filter(r -> r.topic().equals(Topics.PHASE_EVENTS.name()))
                    .map(r -> codec.decode(r).as(PhaseCompleted.class)).filter(p -> p.release().equals(R)))
                    .singleElement().extracting(PhaseCompleted::taskCount).isEqualTo(4);
            assertThat(seen.stream().filter(r -> r.topic().equals(Topics.work(Service.SIGNING).name()))).hasSize(1);

            assertThat(graph.releases()).contains(R);
            assertThat(graph.phases(R)).singleElement().satisfies(p -> assertThat(p.complete()).isTrue());
            assertThat(graph.tasks(R)).hasSize(4).allSatisfy(t -> assertThat(t.state()).isEqualTo("completed"));
        }
    }
}
