package dev.relpromo.planner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.embedded.BootstrapServers;
import dev.relpromo.embedded.KafkaExtension;
import dev.relpromo.events.Artifact;
import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Platform;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.codec.CeHeaders;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.TopicProvisioner;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import dev.relpromo.planner.PartnerTree;
import dev.relpromo.planner.Planner;
import dev.relpromo.planner.config.PartnerConfigSource;
import dev.relpromo.kit.kafka.PipelineOptions;
import dev.relpromo.kit.store.ArtifactStore;
import dev.relpromo.kit.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner on a real broker: a qualifying release is promoted once on its first build-completed event; an
 * explicit request is planned; a request it refuses goes to the dead-letter topic with the reason and publishes
 * nothing.
 */
@ExtendWith(KafkaExtension.class)
class PlannerServiceIT {
    static final String H = "a".repeat(128);
    final EventCodec codec = new EventCodec("/relpromo/test");

    @TempDir
    Path dir;

    static BuildCompleted build(String release, String locale) {
        return new BuildCompleted(release, Platform.LINUX64, "build-signing-linux64-shippable", List.of(
                new BuildCompleted.LocaleBuild(locale, List.of(new Artifact("target.tar.xz", "file:///b", H, 1)), null)));
    }

    @Test
    void promotesOnBuildsPlansRequestsAndDeadLettersRefusals(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, "planner-it");
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
        Path partners = PartnerTree.in(dir.resolve("partners"))
                .subConfig("acme", "acme-1", PartnerTree.cfg("de fr", "linux-x86_64")).writeManifest();
        Planner planner = new Planner(PartnerConfigSource.directory(partners),
                new FileSystemArtifactStore(dir.resolve("store")));
        String auto = "Firefox-136.0-build1";
        String requested = "Firefox-136.0-build2";
        try (PlannerService service = new PlannerService(kafka, planner, true);
             KafkaProducer<String, byte[]> producer = kafka.producer("planner-it");
             KafkaConsumer<String, byte[]> reader = kafka.consumer("planner-it-reader", Map.of())) {
            service.start();
            reader.subscribe(List.of(Topics.GRAPH_TASKS.name(), Topics.deadLetters("planner").name()));
            producer.send(codec.record(Topics.BUILDS.name(), auto, build(auto, "de"), auto));
            producer.send(codec.record(Topics.BUILDS.name(), auto, build(auto, "fr"), auto)); // must not plan again
            producer.send(codec.record(Topics.PROMOTIONS.name(), requested, new PromotionRequested(requested,
                    Phase.PROMOTE, null, false, true, null, 2, null, null, "test"), requested));
            producer.send(codec.record(Topics.PROMOTIONS.name(), requested, new PromotionRequested(requested,
                    Phase.PROMOTE, null, false, true, null, null, List.of("nobody"), null, "test"), requested));
            producer.send(codec.record(Topics.PROMOTIONS.name(), requested, new PromotionRequested(requested,
                    Phase.SHIP, null, null, null, null, null, null, null, "test"), requested));
            producer.flush();

            List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(r -> r.topic().startsWith("relpromo.dlq")).count() == 2
                        && seen.stream().filter(r -> decodes(r, GraphSealed.class)).count() == 2;
            });
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(seen::add);
                return true;
            });

            List<GraphSealed> seals = seen.stream().filter(r -> decodes(r, GraphSealed.class))
                    .map(r -> codec.decode(r).as(GraphSealed.class)).toList();
            assertThat(seals).extracting(GraphSealed::release).containsExactlyInAnyOrder(auto, requested);
            assertThat(seals).filteredOn(s -> s.release().equals(requested)).singleElement()
                    .extracting(GraphSealed::partnerBuildNumber).isEqualTo(2);
            // 2 build nodes + 2 locales × (repack, chunking dummy, repackage-signing, beetmover) + the release checksums
            // (generate, signing, beetmover) of a full promote
            List<TaskDefined> autoTasks = seen.stream().filter(r -> decodes(r, TaskDefined.class))
                    .map(r -> codec.decode(r).as(TaskDefined.class)).filter(t -> t.release().equals(auto)).toList();
            assertThat(autoTasks).hasSize(13);
            assertThat(seen.stream().filter(r -> decodes(r, TaskDefined.class) && r.key().equals(requested))
                    .map(r -> codec.decode(r).as(TaskDefined.class).label()))
                    .allMatch(l -> l.startsWith("build-signing") || l.endsWith("-v2"));

            List<String> reasons = seen.stream().filter(r -> r.topic().startsWith("relpromo.dlq"))
                    .map(r -> EventCodec.header(r.headers(), CeHeaders.DLQ_REASON)).toList();
            assertThat(reasons).anyMatch(r -> r.contains("nobody")).anyMatch(r -> r.contains("ship"));
        }
    }

    /** Seals on the graph topic and dead letters seen within a few seconds after {@code until} holds. */
    private List<ConsumerRecord<String, byte[]>> collect(KafkaConsumer<String, byte[]> reader,
                                                         java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> until) {
        List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            reader.poll(Duration.ofMillis(200)).forEach(seen::add);
            return until.test(seen);
        });
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
            reader.poll(Duration.ofMillis(200)).forEach(seen::add);
            return true;
        });
        return seen;
    }

    private long seals(List<ConsumerRecord<String, byte[]>> seen, String release) {
        return seen.stream().filter(r -> decodes(r, GraphSealed.class) && r.key().equals(release)).count();
    }

    private static final PipelineOptions FAST = PipelineOptions.DEFAULT.withBackoff(10, 200)
            .withFatal((component, message, cause) -> {
                throw new AssertionError(component + ": " + message, cause);
            });

    @Test
    void aPlanWhoseTransactionAbortsIsPlannedAgainNotForgotten(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, "planner-abort");
        provision(kafka);
        String release = "Firefox-137.0-build1";
        AtomicInteger commits = new AtomicInteger();
        // The first transaction (the plan on the first build-completed event) fails just before it commits.
        PipelineOptions failFirst = FAST.withFaults(record -> {
            if (commits.incrementAndGet() == 1) {
                throw new KafkaException("injected: the transaction did not commit");
            }
        });
        try (PlannerService service = new PlannerService(kafka, planner(), true, failFirst);
             KafkaProducer<String, byte[]> producer = kafka.producer("planner-abort");
             KafkaConsumer<String, byte[]> reader = kafka.consumer("planner-abort-reader", Map.of())) {
            service.start();
            reader.subscribe(List.of(Topics.GRAPH_TASKS.name(), Topics.deadLetters("planner").name()));
            producer.send(codec.record(Topics.BUILDS.name(), release, build(release, "de"), release)).get();

            List<ConsumerRecord<String, byte[]>> seen = collect(reader, s -> seals(s, release) == 1);
            assertThat(commits.get()).isGreaterThanOrEqualTo(2);
            assertThat(seals(seen, release)).isEqualTo(1);
            assertThat(seen).noneMatch(r -> r.topic().startsWith("relpromo.dlq") && release.equals(r.key()));
            assertThat(service.promoted(release)).isTrue();
        }
        // A restarted planner knows the release from the decisions topic and ignores a late build.
        assertThat(PlannerService.promotedReleases(kafka)).contains(release);
    }

    @Test
    void aSnapshotThatCannotBeStoredIsRetriedNotDeadLettered(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, "planner-io");
        provision(kafka);
        FileSystemArtifactStore disk = new FileSystemArtifactStore(dir.resolve("store"));
        AtomicInteger writes = new AtomicInteger();
        ArtifactStore flaky = new ArtifactStore() {
            @Override
            public StoredObject write(String key, ContentWriter writer) throws IOException {
                if (writes.incrementAndGet() <= 2) {
                    throw new IOException("injected: disk briefly unavailable");
                }
                return disk.write(key, writer);
            }

            @Override
            public InputStream open(String key) throws IOException {
                return disk.open(key);
            }

            @Override
            public Optional<StoredObject> stat(String key) throws IOException {
                return disk.stat(key);
            }

            @Override
            public List<String> list(String prefix) throws IOException {
                return disk.list(prefix);
            }

            @Override
            public String describe() {
                return "flaky " + disk.describe();
            }
        };
        Planner planner = new Planner(PartnerConfigSource.directory(partners()), flaky);
        String release = "Firefox-137.0-build2";
        try (PlannerService service = new PlannerService(kafka, planner, false, FAST);
             KafkaProducer<String, byte[]> producer = kafka.producer("planner-io");
             KafkaConsumer<String, byte[]> reader = kafka.consumer("planner-io-reader", Map.of())) {
            service.start();
            reader.subscribe(List.of(Topics.GRAPH_TASKS.name(), Topics.deadLetters("planner").name()));
            producer.send(codec.record(Topics.PROMOTIONS.name(), release, new PromotionRequested(release,
                    Phase.PROMOTE, null, false, true, null, null, null, null, "test"), release)).get();

            List<ConsumerRecord<String, byte[]>> seen = collect(reader, s -> seals(s, release) == 1);
            assertThat(writes.get()).isGreaterThan(2);
            assertThat(seals(seen, release)).isEqualTo(1);
            assertThat(seen).noneMatch(r -> r.topic().startsWith("relpromo.dlq") && release.equals(r.key()));
        }
    }

    private static void provision(KafkaSettings kafka) {
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
    }

    private Path partners() {
        return PartnerTree.in(dir.resolve("partners"))
                .subConfig("acme", "acme-1", PartnerTree.cfg("de fr", "linux-x86_64")).writeManifest();
    }

    private Planner planner() throws IOException {
        return new Planner(PartnerConfigSource.directory(partners()), new FileSystemArtifactStore(dir.resolve("store")));
    }

    private boolean decodes(ConsumerRecord<String, byte[]> r, Class<?> type) {
        return r.topic().equals(Topics.GRAPH_TASKS.name()) && type.isInstance(codec.decode(r).data());
    }
}
