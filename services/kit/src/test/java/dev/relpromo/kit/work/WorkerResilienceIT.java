package dev.relpromo.kit.work;

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
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.TopicProvisioner;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.kafka.FatalErrorHandler;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.kafka.PipelineOptions;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing stops silently: on a real broker, a worker whose commits fail (fenced, timed out) recovers with new
 * clients and yields exactly one result; an Error takes it down through the fatal handler; repeated failures end in
 * a fatal report instead of a loop; outputs too large for the broker become a "task failed" plus a dead letter
 * that references the input, whether the pipeline sees the size first or the broker refuses the record.
 */
@ExtendWith(KafkaExtension.class)
class WorkerResilienceIT {
    static final String R = "Firefox-140.0-build1";
    final EventCodec codec = new EventCodec("/relpromo/test");
    final List<String> fatal = new CopyOnWriteArrayList<>();
    final FatalErrorHandler recordFatal = (component, message, cause) -> fatal.add(component + ": " + message + ": " + cause);
    final PipelineOptions fast = PipelineOptions.DEFAULT.withBackoff(10, 100).withFatal(recordFatal);

    @TempDir
    Path dir;

    @Test
    void fencedAndTimedOutCommitsAreRecoveredWithNewClientsAndYieldOneResult(@BootstrapServers String servers)
            throws Exception {
        KafkaSettings kafka = setUp(servers, "resilience-recover");
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        PipelineOptions faulty = fast.withFaults(record -> {
            switch (commits.incrementAndGet()) {
                case 1 -> throw new ProducerFencedException("injected: fenced by a newer producer");
                case 2 -> throw new TimeoutException("injected: commit timed out");
                default -> {
                }
            }
        });
        Map<String, TaskHandler> handlers = Map.of("ok", (item, ctx) -> {
            runs.incrementAndGet();
            return List.of(ctx.store().put("out/ok", "same".getBytes(StandardCharsets.UTF_8)).asArtifact("out.txt"));
        });
        try (Worker worker = worker(Service.SIGNING, handlers, kafka, faulty)) {
            worker.start();
            send(kafka, Service.SIGNING, item("recover", "ok"));
            List<Object> results = results(kafka, Service.SIGNING, R + "/recover", 1);
            assertThat(results).singleElement().isInstanceOf(TaskCompleted.class);
            assertThat(runs.get()).isEqualTo(3);
            assertThat(fatal).isEmpty();
            assertThat(worker.health()).singleElement().extracting(Health::status).isEqualTo(Health.Status.UP);
        }
    }

    @Test
    void aHandlerBugFailsItsTaskButAnErrorLikeOutOfMemoryTakesTheWorkerDown(@BootstrapServers String servers)
            throws Exception {
        KafkaSettings kafka = setUp(servers, "resilience-error");
        Map<String, TaskHandler> handlers = Map.of(
                "recursion", (item, ctx) -> {
                    throw new StackOverflowError();
                },
                "oom", (item, ctx) -> {
                    throw new OutOfMemoryError("simulated: Java heap space");
                });
        try (Worker worker = worker(Service.REPACKAGE, handlers, kafka, fast)) {
            worker.start();
            send(kafka, Service.REPACKAGE, item("recursion", "recursion"));
            assertThat(results(kafka, Service.REPACKAGE, R + "/recursion", 1)).singleElement()
                    .isInstanceOfSatisfying(TaskFailed.class, f -> assertThat(f.errorType()).isEqualTo("StackOverflowError"));
            send(kafka, Service.REPACKAGE, item("oom", "oom"));
            await().atMost(Duration.ofSeconds(60)).until(() -> !fatal.isEmpty());
            assertThat(fatal).singleElement().asString().startsWith("repackage: ").contains("OutOfMemoryError");
            assertThat(worker.health()).singleElement().satisfies(h -> {
                assertThat(h.status()).isEqualTo(Health.Status.DOWN);
                assertThat(h.detail()).contains("OutOfMemoryError");
            });
        }
    }

    @Test
    void repeatedFailuresEndInAFatalReportNotAnEndlessLoop(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = setUp(servers, "resilience-give-up");
        PipelineOptions alwaysFenced = new PipelineOptions(recordFatal, 10, 50, 2, 1_000_000, record -> {
            throw new ProducerFencedException("injected: fenced every time");
        });
        try (Worker worker = worker(Service.BALROG, Map.of("ok", (item, ctx) -> List.of()), kafka, alwaysFenced)) {
            worker.start();
            send(kafka, Service.BALROG, item("doomed", "ok"));
            await().atMost(Duration.ofSeconds(60)).until(() -> !fatal.isEmpty());
            assertThat(fatal).singleElement().asString().contains("gave up after 2 recoveries");
            assertThat(worker.health()).singleElement().extracting(Health::status).isEqualTo(Health.Status.DOWN);
        }
    }

    @Test
    void aResultTooLargeToPublishBecomesATaskFailedAndADeadLetterThatFits(@BootstrapServers String servers)
            throws Exception {
        KafkaSettings kafka = setUp(servers, "resilience-oversize");
        int limit = 20_000;
        Map<String, TaskHandler> handlers = Map.of("huge", (item, ctx) -> manyArtifacts(1000));
        try (Worker worker = worker(Service.SIGNING, handlers, kafka, fast.withMaxRecordBytes(limit))) {
            worker.start();
            send(kafka, Service.SIGNING, item("huge", "huge"));
            assertThat(results(kafka, Service.SIGNING, R + "/huge", 1)).singleElement()
                    .isInstanceOfSatisfying(TaskFailed.class, f -> assertThat(f.error())
                            .startsWith("the task's result could not be published: an output record for relpromo.results.signing")
                            .contains("more than the limit of 20000"));
            ConsumerRecord<String, byte[]> dead = deadLetter(kafka, "signing", R + "/huge");
            assertThat(EventCodec.header(dead.headers(), CeHeaders.DLQ_REASON)).contains("more than the limit");
            assertThat(EventCodec.header(dead.headers(), CeHeaders.DLQ_TOPIC)).isEqualTo(Topics.work(Service.SIGNING).name());
            assertThat(dead.serializedValueSize()).isLessThan(limit);
        }
    }

    @Test
    void aRecordTheBrokerRefusesIsDeadLetteredOnceNotRetriedForever(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = setUp(servers, "resilience-refused");
        String results = Topics.results(Service.CHECKSUMS).name();
        try (Admin admin = kafka.admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, results), List.of(
                    new AlterConfigOp(new ConfigEntry("max.message.bytes", "30000"), AlterConfigOp.OpType.SET)))).all().get();
        }
        AtomicInteger runs = new AtomicInteger();
        Map<String, TaskHandler> handlers = Map.of("big", (item, ctx) -> {
            runs.incrementAndGet();
            return manyArtifacts(400); // about 100 kB: under the pipeline's limit, over the topic's
        });
        try (Worker worker = worker(Service.CHECKSUMS, handlers, kafka, fast)) {
            worker.start();
            send(kafka, Service.CHECKSUMS, item("big", "big"));
            assertThat(results(kafka, Service.CHECKSUMS, R + "/big", 1)).singleElement()
                    .isInstanceOfSatisfying(TaskFailed.class, f -> assertThat(f.error()).contains("the broker refused an output"));
            ConsumerRecord<String, byte[]> dead = deadLetter(kafka, "checksums", R + "/big");
            assertThat(EventCodec.header(dead.headers(), CeHeaders.DLQ_ERROR_TYPE)).isEqualTo("RecordTooLargeException");
            assertThat(runs.get()).as("the work is not redone to find out again").isEqualTo(1);
            assertThat(fatal).isEmpty();
        } finally {
            try (Admin admin = kafka.admin()) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, results), List.of(
                        new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)))).all().get();
            }
        }
    }

    private static List<Artifact> manyArtifacts(int n) {
        List<Artifact> out = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> out.add(Artifact.stored("file-" + i, "pub/firefox/candidates/" + "x".repeat(100)
                + "/" + i, "a".repeat(128), i)));
        return out;
    }

    private KafkaSettings setUp(String servers, String instance) {
        KafkaSettings kafka = KafkaSettings.local(servers, instance);
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
        return kafka;
    }

    private Worker worker(Service service, Map<String, TaskHandler> handlers, KafkaSettings kafka, PipelineOptions options)
            throws java.io.IOException {
        return new Worker(service, handlers, new FileSystemArtifactStore(dir.resolve("store")), BuildSources.none(),
                dir.resolve("work"), kafka, new Worker.RetryPolicy(1, 10, 10), 1, options);
    }

    static WorkItem item(String label, String kind) {
        return new WorkItem(new TaskDefined(R, Phase.PROMOTE, R + "/" + label, label, kind, Service.SIGNING, null,
                List.of(), null), 1, List.of());
    }

    private void send(KafkaSettings kafka, Service service, WorkItem item) throws Exception {
        try (KafkaProducer<String, byte[]> producer = kafka.producer("resilience-test")) {
            producer.send(codec.record(Topics.work(service).name(), item.task().taskId(), item, R)).get();
        }
    }

    /** The results for one task id: waits for {@code expected}, then a little longer to catch duplicates. */
    private List<Object> results(KafkaSettings kafka, Service service, String taskId, int expected) {
        List<Object> results = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = kafka.reader()) {
            var partitions = reader.partitionsFor(Topics.results(service).name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Runnable poll = () -> reader.poll(Duration.ofMillis(200)).forEach(r -> {
                if (taskId.equals(r.key())) {
                    results.add(codec.decode(r).data());
                }
            });
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                poll.run();
                return results.size() >= expected;
            });
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                poll.run();
                return true;
            });
        }
        return results;
    }

    private ConsumerRecord<String, byte[]> deadLetter(KafkaSettings kafka, String consumer, String key) {
        List<ConsumerRecord<String, byte[]>> dead = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = kafka.reader()) {
            var partitions = reader.partitionsFor(Topics.deadLetters(consumer).name()).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        dead.add(r);
                    }
                });
                return !dead.isEmpty();
            });
        }
        assertThat(dead).hasSize(1);
        return dead.get(0);
    }
}
