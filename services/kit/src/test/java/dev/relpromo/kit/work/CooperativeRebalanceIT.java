package dev.relpromo.kit.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.embedded.BootstrapServers;
import dev.relpromo.embedded.KafkaExtension;
import dev.relpromo.events.Phase;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.WorkItem;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.TopicProvisioner;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import dev.relpromo.kit.store.FileSystemArtifactStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker joining the group while another one is in the middle of a long item: the idle members carry on, and
 * the busy member's item commits exactly once on its partition (no revocation under it, no abort, no second run).
 */
@ExtendWith(KafkaExtension.class)
class CooperativeRebalanceIT {
    static final String R = "Firefox-140.0-build1";
    final EventCodec codec = new EventCodec("/relpromo/test");

    @TempDir
    Path dir;

    @Test
    void consumerProtocol(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = KafkaSettings.local(servers, "coop-consumer");
        joinWhileBusy(kafka, Service.SIGNING, GroupType.CONSUMER);
    }

    @Test
    void classicProtocolWithTheCooperativeStickyAssignor(@BootstrapServers String servers) throws Exception {
        KafkaSettings kafka = new KafkaSettings(servers, Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"),
                "coop-classic", (short) 1);
        joinWhileBusy(kafka, Service.CHECKSUMS, GroupType.CLASSIC);
    }

    private void joinWhileBusy(KafkaSettings kafka, Service service, GroupType expectedType) throws Exception {
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1).provisionAll();
        }
        String group = "relpromo-" + service.id();
        String work = Topics.work(service).name();
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        AtomicInteger slowRuns = new AtomicInteger();
        Map<String, AtomicInteger> quickRuns = new ConcurrentHashMap<>();
        Map<String, TaskHandler> handlers = Map.of(
                "slow", (item, ctx) -> {
                    slowRuns.incrementAndGet();
                    slowStarted.countDown();
                    assertThat(releaseSlow.await(2, TimeUnit.MINUTES)).isTrue();
                    return List.of();
                },
                "quick", (item, ctx) -> {
                    quickRuns.computeIfAbsent(item.task().label(), k -> new AtomicInteger()).incrementAndGet();
                    return List.of();
                });
        FileSystemArtifactStore store = new FileSystemArtifactStore(dir.resolve("store"));
        Worker.RetryPolicy once = new Worker.RetryPolicy(1, 10, 10);
        try (Worker first = new Worker(service, handlers, store, dir.resolve("work1"), kafka.withInstanceId(kafka.instanceId() + "-1"), once, 2);
             Worker second = new Worker(service, handlers, store, dir.resolve("work2"), kafka.withInstanceId(kafka.instanceId() + "-2"), once, 1);
             Admin admin = kafka.admin();
             KafkaProducer<String, byte[]> producer = kafka.producer("coop-test");
             AutoCloseable release = releaseSlow::countDown) {
            first.start();
            // Both members of the first worker have their share of the six partitions.
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> settled(admin, group, 2));

            RecordMetadata slow = producer.send(record(work, 0, "slow", "slow")).get();
            assertThat(slowStarted.await(60, TimeUnit.SECONDS)).isTrue();

            second.start();
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> members(admin, group).size() == 3);
            // Longer than a classic heartbeat interval (3 s): by now every member has heard of the rebalance, so an
            // eager protocol would already have taken all partitions from the idle member.
            Thread.sleep(4000);
            for (int p = 1; p < 6; p++) {
                producer.send(record(work, p, "quick-" + p, "quick"));
            }
            producer.flush();

            // The idle members keep working while the slow item is still in flight.
            await().atMost(Duration.ofSeconds(30)).until(() -> !quickRuns.isEmpty());
            assertThat(releaseSlow.getCount()).isEqualTo(1);
            assertThat(slowRuns.get()).isEqualTo(1);

            releaseSlow.countDown();
            TopicPartition slowPartition = new TopicPartition(work, 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> committed(admin, group, slowPartition) == slow.offset() + 1
                    && quickRuns.size() == 5);
            assertThat(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().type())
                    .isEqualTo(expectedType);
        }
        assertThat(slowRuns.get()).as("the slow item ran once: its partition never moved while it ran").isEqualTo(1);
        assertThat(results(kafka, service, R + "/slow")).singleElement().isInstanceOf(TaskCompleted.class);
        if (expectedType == GroupType.CONSUMER) {
            assertThat(quickRuns.values()).extracting(AtomicInteger::get).containsOnly(1);
        }
        // Under the classic protocol a member that commits just as the rebalance completes (its poll has not seen the
        // new generation yet) has its transaction refused and redoes the item: a rare duplicate run, never a loss.
    }

    private ProducerRecord<String, byte[]> record(String topic, int partition, String label, String kind) {
        WorkItem item = new WorkItem(new TaskDefined(R, Phase.PROMOTE, R + "/" + label, label, kind, Service.SIGNING,
                null, List.of(), null), 1, List.of());
        ProducerRecord<String, byte[]> r = codec.record(topic, item.task().taskId(), item, R);
        return new ProducerRecord<>(topic, partition, r.key(), r.value(), r.headers());
    }

    private static Collection<MemberDescription> members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members();
    }

    /** A stable group of that many members, each with some of the six partitions. */
    private static boolean settled(Admin admin, String group, int size) throws Exception {
        ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        return g.groupState() == GroupState.STABLE && g.members().size() == size
                && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())
                && g.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum() == 6;
    }

    private static long committed(Admin admin, String group, TopicPartition tp) throws Exception {
        OffsetAndMetadata om = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
        return om == null ? -1 : om.offset();
    }

    /** Every result published for the task, read from the start of the results topic once nothing more comes. */
    private List<Object> results(KafkaSettings kafka, Service service, String taskId) {
        List<Object> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = kafka.reader()) {
            String topic = Topics.results(service).name();
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.key().equals(taskId)) {
                        found.add(codec.decode(r).data());
                    }
                }
            }
        }
        return found;
    }
}
