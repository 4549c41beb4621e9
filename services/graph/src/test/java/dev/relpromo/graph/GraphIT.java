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
                List.of(upstreams).stream().map(u -> TaskIds.of(R, u)).toList(), null);
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
                return seen.stream().anyMatch(r -> r.topic().equals(Topics.work(Service.REPACK).name()) && ours(r));
            });
            // Other tests on this broker write to the same topics: only this release's records count.
            seen.removeIf(r -> !ours(r));
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
                return seen.stream().anyMatch(r -> r.topic().equals(Topics.work(Service.SIGNING).name()) && ours(r));
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
            assertThat(seen.stream().filter(r -> r.topic().equals(Topics.work(Service.SIGNING).name()) && ours(r)))
                    .hasSize(1);

            assertThat(graph.releases()).contains(R);
            assertThat(graph.phases(R)).singleElement().satisfies(p -> assertThat(p.complete()).isTrue());
            assertThat(graph.tasks(R)).hasSize(4).allSatisfy(t -> assertThat(t.state()).isEqualTo("completed"));
        }
    }

    static boolean ours(ConsumerRecord<String, byte[]> r) {
        return r.key() != null && r.key().startsWith(R);
    }

    static <T> T awaitRecord(KafkaConsumer<String, byte[]> reader, List<ConsumerRecord<String, byte[]>> seen,
                             java.util.function.Predicate<ConsumerRecord<String, byte[]>> match,
                             java.util.function.Function<ConsumerRecord<String, byte[]>, T> as) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            reader.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().anyMatch(match);
        });
        ConsumerRecord<String, byte[]> found = seen.stream().filter(match).findFirst().orElseThrow();
        seen.remove(found);
        return as.apply(found);
    }

    @Test
    void aRerunCompletesThePhaseAfterAFailureAndAClientInErrorIsReplaced(@BootstrapServers String servers)
            throws Exception {
        String release = "Firefox-131.0-build2";
        KafkaSettings kafka = KafkaSettings.local(servers, "graph-it-rerun");
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
        String build = TaskIds.buildSigningLabel(Platform.LINUX64, "de");
        java.util.function.Function<String[], TaskDefined> task = a -> new TaskDefined(release, Phase.PROMOTE,
                TaskIds.of(release, a[0]), a[0], a[1], Service.of(a[2]), Platform.LINUX64,
                a.length > 3 ? List.of(TaskIds.of(release, a[3])) : List.of(), null, "p1");
        List<TaskDefined> defs = List.of(task.apply(new String[] {build, TaskIds.EXTERNAL_SIGNING_KIND, "external"}),
                task.apply(new String[] {"repack-de", "release-partner-repack", "repack", build}),
                task.apply(new String[] {"sign-de", "release-partner-repack-repackage-signing", "signing", "repack-de"}));
        try (GraphService graph = new GraphService(kafka, state);
             KafkaProducer<String, byte[]> producer = kafka.producer("graph-it-rerun");
             KafkaConsumer<String, byte[]> reader = kafka.consumer("graph-it-rerun-reader", Map.of())) {
            graph.start();
            assertThat(graph.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(graph.health()).isEqualTo(new GraphService.Health(GraphService.Status.RUNNING, null));
            reader.subscribe(List.of(Topics.work(Service.REPACK).name(), Topics.work(Service.SIGNING).name(),
                    Topics.PHASE_EVENTS.name()));
            for (TaskDefined d : defs) {
                producer.send(codec.record(Topics.GRAPH_TASKS.name(), release, d, release));
            }
            producer.send(codec.record(Topics.GRAPH_TASKS.name(), release,
                    new GraphSealed(release, Phase.PROMOTE, 3, "sha256:x", 1, "p1"), release));
            producer.send(codec.record(Topics.BUILDS.name(), release, new BuildCompleted(release, Platform.LINUX64, "b",
                    List.of(new BuildCompleted.LocaleBuild("de", List.of(new Artifact("target.tar.xz", "file:///b", H, 1)),
                            null))), release));
            producer.flush();
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            String repackTopic = Topics.work(Service.REPACK).name();
            WorkItem first = awaitRecord(reader, seen, r -> r.topic().equals(repackTopic),
                    r -> codec.decode(r).as(WorkItem.class));
            assertThat(first.attempt()).isEqualTo(1);

            String repackId = TaskIds.of(release, "repack-de");
            producer.send(codec.record(Topics.results(Service.REPACK).name(), repackId, new dev.relpromo.events.TaskFailed(
                    release, Phase.PROMOTE, repackId, "repack-de", "release-partner-repack", 1, "destination blocked",
                    "IOException", "relpromo.work.repack/0@0", List.of()), release));
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> graph.phases(release).stream()
                    .anyMatch(p -> p.failed().size() == 1));

            // The cause is removed; the operator reruns the task.
            producer.send(codec.record(Topics.RERUNS.name(), release, new dev.relpromo.events.RerunRequested(release, null,
                    "repack-de", false, "it", "rerun-1"), release));
            producer.flush();
            WorkItem second = awaitRecord(reader, seen, r -> r.topic().equals(repackTopic),
                    r -> codec.decode(r).as(WorkItem.class));
            assertThat(second.attempt()).isEqualTo(2);
            producer.send(codec.record(Topics.results(Service.REPACK).name(), repackId, new TaskCompleted(release,
                    Phase.PROMOTE, repackId, "repack-de", "release-partner-repack", 2,
                    List.of(Artifact.stored("target.tar.xz", "releng/x", H, 1))), release));
            producer.flush();
            String signingTopic = Topics.work(Service.SIGNING).name();
            awaitRecord(reader, seen, r -> r.topic().equals(signingTopic), r -> r);

            // A client that ends in ERROR is replaced; the new one carries on where the old one stopped.
            graph.onError(graph.client(), "test: client in ERROR");
            assertThat(graph.health().status()).isEqualTo(GraphService.Status.RECOVERING);
            await().atMost(Duration.ofSeconds(90)).until(() -> graph.health().status() == GraphService.Status.RUNNING);
            assertThat(graph.health().lastError()).isEqualTo("test: client in ERROR");

            String signId = TaskIds.of(release, "sign-de");
            producer.send(codec.record(Topics.results(Service.SIGNING).name(), signId, new TaskCompleted(release,
                    Phase.PROMOTE, signId, "sign-de", "release-partner-repack-repackage-signing", 1, List.of()), release));
            producer.flush();
            PhaseCompleted done = awaitRecord(reader, seen, r -> r.topic().equals(Topics.PHASE_EVENTS.name())
                    && release.equals(codec.decode(r).subject()), r -> codec.decode(r).as(PhaseCompleted.class));
            assertThat(done.plan()).isEqualTo("p1");
            assertThat(done.taskCount()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    return graph.phases(release).get(0).complete();
                } catch (RuntimeException storesMoving) {
                    return false;
                }
            });
            assertThat(graph.tasks(release)).filteredOn(t -> t.label().equals("repack-de")).singleElement()
                    .satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
        }
    }
}
