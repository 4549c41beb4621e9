package dev.relpromo.kit.work;

import dev.relpromo.kit.failure.TaskFailureException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.embedded.BootstrapServers;
import dev.relpromo.embedded.KafkaExtension;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.codec.Envelope;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.TopicProvisioner;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.kafka.PipelineOptions;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The worker loop on a real broker: results in the same transaction as the offset, retries, dead letters. */
@ExtendWith(KafkaExtension.class)
class WorkerIT {
    static final String R = "Firefox-130.0-build7";
    final EventCodec codec = new EventCodec("/relpromo/test");

    @TempDir
    Path dir;

    static WorkItem item(String label, String kind) {
        return new WorkItem(new TaskDefined(R, Phase.PROMOTE, R + "/" + label, label, kind, Service.REPACK, null,
                List.of(), null), 1, List.of());
    }

    /** Stands for the process dying mid-task: an Error is fatal for the pipeline, which stops without committing. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aCrashBeforeTheCommitIsRedoneOnRestartAndYieldsExactlyOneResult(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, "worker-crash");
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        AtomicInteger runs = new AtomicInteger();
        // Writes its output, then "crashes" the first time, before the result is committed.
        Map<String, TaskHandler> handlers = Map.of("crashy", (item, ctx) -> {
            var out = ctx.store().put("out/crashy", "same bytes".getBytes(StandardCharsets.UTF_8));
            if (runs.incrementAndGet() == 1) {
                throw new SimulatedCrash();
            }
            return List.of(out.asArtifact("out.txt"));
        });
        String release = "Firefox-131.0-build3";
        WorkItem item = new WorkItem(new TaskDefined(release, Phase.PROMOTE, release + "/crashy", "crashy", "crashy",
                Service.BEETMOVER, null, List.of(), null), 1, List.of());
        try (KafkaProducer<String, byte[]> producer = kafka.producer("crash-test")) {
            producer.send(codec.record(Topics.work(Service.BEETMOVER).name(), item.task().taskId(), item, release)).get();
        }
        List<String> fatal = new CopyOnWriteArrayList<>();
        Worker crashed = new Worker(Service.BEETMOVER, handlers, store, BuildSources.none(), dir.resolve("work"), kafka,
                new Worker.RetryPolicy(1, 10, 10), 1,
                PipelineOptions.DEFAULT.withFatal((component, message, cause) -> fatal.add(component + ": " + cause)));
        crashed.start();
        // The simulated crash reaches the fatal handler (in production: the process exits) and the worker is down.
        await().atMost(Duration.ofSeconds(60)).until(() -> !fatal.isEmpty());
        assertThat(fatal).singleElement().asString().contains("SimulatedCrash");
        assertThat(crashed.health()).singleElement().extracting(h -> h.status()).isEqualTo(Health.Status.DOWN);
        crashed.close();

        try (Worker restarted = new Worker(Service.BEETMOVER, handlers, store, dir.resolve("work"), kafka,
                new Worker.RetryPolicy(1, 10, 10), 1);
             KafkaConsumer<String, byte[]> reader = kafka.consumer("worker-crash-reader", Map.of())) {
            restarted.start();
            reader.subscribe(List.of(Topics.results(Service.BEETMOVER).name()));
            List<Object> results = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                collect(reader, item.task().taskId(), results);
                return !results.isEmpty();
            });
            // Anything duplicated would show up within a few more polls.
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                collect(reader, item.task().taskId(), results);
                return true;
            });
            assertThat(runs.get()).isEqualTo(2);
            assertThat(results).singleElement().isInstanceOf(TaskCompleted.class);
            assertThat(store.list("out")).containsExactly("out/crashy");
        }
    }

    private void collect(KafkaConsumer<String, byte[]> reader, String key, List<Object> results) {
        reader.poll(Duration.ofMillis(200)).forEach(r -> {
            if (r.key().equals(key)) {
                results.add(codec.decode(r).data());
            }
        });
    }

    @Test
    void publishesResultsRetriesTransientErrorsAndDeadLettersInvalidInput(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, "worker-it");
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        AtomicInteger flaky = new AtomicInteger();
        Map<String, TaskHandler> handlers = Map.of(
                "ok", (item, ctx) -> List.of(ctx.store().put("out/" + item.task().label(),
                        item.task().label().getBytes(StandardCharsets.UTF_8)).asArtifact("out.txt")),
                "bad-input", (item, ctx) -> {
                    throw new TaskFailureException("distribution.ini is missing");
                },
                "flaky", (item, ctx) -> {
                    if (flaky.incrementAndGet() < 3) {
                        throw new IOException("connection reset");
                    }
                    return List.of();
                });
        try (Worker worker = new Worker(Service.REPACK, handlers, store, dir.resolve("work"), kafka,
                new Worker.RetryPolicy(3, 10, 50), 1);
             KafkaProducer<String, byte[]> producer = kafka.producer("test")) {
            worker.start();
            String work = Topics.work(Service.REPACK).name();
            producer.send(codec.record(work, R + "/a", item("a", "ok"), R));
            // Not JSON: must go to the dead-letter topic, and the worker must carry on.
            ProducerRecord<String, byte[]> valid = codec.record(work, R + "/x", item("x", "ok"), R);
            producer.send(new ProducerRecord<>(work, null, R + "/x", "{not json".getBytes(StandardCharsets.UTF_8),
                    valid.headers()));
            producer.send(codec.record(work, R + "/b", item("b", "bad-input"), R));
            producer.send(codec.record(work, R + "/c", item("c", "flaky"), R));
            producer.send(codec.record(work, R + "/d", item("d", "unknown-kind"), R));
            producer.flush();

            Map<String, Object> results = new ConcurrentHashMap<>();
            List<ConsumerRecord<String, byte[]>> dead = new CopyOnWriteArrayList<>();
            try (KafkaConsumer<String, byte[]> reader = kafka.consumer("worker-it-reader", Map.of())) {
                reader.subscribe(List.of(Topics.results(Service.REPACK).name(), Topics.deadLetters("repack").name()));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                        if (r.topic().startsWith("relpromo.dlq")) {
                            dead.add(r);
                        } else {
                            Envelope<?> e = codec.decode(r);
                            results.put(r.key(), e.data());
                        }
                    }
                    return results.size() >= 4 && !dead.isEmpty();
                });
            }
            assertThat(results.get(R + "/a")).isInstanceOfSatisfying(TaskCompleted.class, c -> {
                assertThat(c.artifacts()).extracting(Artifact::uri).containsExactly("store:out/a");
                assertThat(c.attempt()).isEqualTo(1);
            });
            assertThat(results.get(R + "/b")).isInstanceOfSatisfying(TaskFailed.class, f -> {
                assertThat(f.error()).isEqualTo("distribution.ini is missing");
                assertThat(f.input()).startsWith(work + "/");
            });
            assertThat(results.get(R + "/c")).isInstanceOf(TaskCompleted.class);
            assertThat(flaky.get()).isEqualTo(3);
            assertThat(results.get(R + "/d")).isInstanceOfSatisfying(TaskFailed.class,
                    f -> assertThat(f.error()).contains("no handler for kind unknown-kind"));
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.key()).isEqualTo(R + "/x");
                assertThat(EventCodec.header(d.headers(), CeHeaders.DLQ_REASON)).contains("not JSON");
                assertThat(EventCodec.header(d.headers(), CeHeaders.DLQ_TOPIC)).isEqualTo(work);
            });
            assertThat(results).doesNotContainKey(R + "/x");
        }
    }
}
