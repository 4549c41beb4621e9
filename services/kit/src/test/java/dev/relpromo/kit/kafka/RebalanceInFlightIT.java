package dev.relpromo.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.embedded.BootstrapServers;
import dev.relpromo.embedded.KafkaExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The consumer every pipeline uses keeps the partitions of the records it is working on until its next poll, even
 * when another member joins meanwhile; the transaction that commits those records then succeeds.
 */
@ExtendWith(KafkaExtension.class)
class RebalanceInFlightIT {

    @ParameterizedTest
    @ValueSource(strings = {"consumer", "classic"})
    void partitionsInFlightStayUntilTheNextPollAndTheirTransactionCommits(String protocol,
                                                                         @BootstrapServers String servers) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "group-consumer-" + suffix;
        String group = "group-consumer-" + suffix;
        KafkaSettings kafka = new KafkaSettings(servers, Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol),
                "gc-" + suffix, (short) 1);
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        Set<TopicPartition> both = Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        try (KafkaProducer<String, byte[]> producer = kafka.producer("gc-producer")) {
            producer.send(new ProducerRecord<>(topic, 0, "a", new byte[0]));
            producer.send(new ProducerRecord<>(topic, 1, "b", new byte[0])).get();
        }
        List<ConsumerRecord<String, byte[]>> seenBySecond = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread secondMember = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> second = kafka.withInstanceId("gc-second-" + suffix).consumer(group, Map.of())) {
                second.subscribe(List.of(topic));
                while (!stop.get()) {
                    second.poll(Duration.ofMillis(100)).forEach(seenBySecond::add);
                }
            }
        });
        try (KafkaConsumer<String, byte[]> first = kafka.consumer(group, Map.of());
             KafkaProducer<String, byte[]> tx = kafka.transactionalProducer("gc-" + suffix)) {
            tx.initTransactions();
            first.subscribe(List.of(topic));
            Map<TopicPartition, OffsetAndMetadata> inFlight = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerRecords<String, byte[]> records = first.poll(Duration.ofMillis(100));
                records.forEach(r -> inFlight.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
                return inFlight.size() == 2;
            });

            // "Working" on both records, without polling, while a second member joins and is due one partition.
            secondMember.start();
            try (Admin admin = kafka.admin()) {
                await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> {
                    var members = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members();
                    // Under the consumer protocol, wait until the coordinator has decided to move a partition.
                    return members.size() == 2 && ("classic".equals(protocol) || members.stream().allMatch(
                            m -> m.targetAssignment().map(a -> a.topicPartitions().size() == 1).orElse(false)));
                });
            }
            // Two heartbeats (5 s each by default): the first member has heard of the new assignment by now.
            Thread.sleep(11_000);
            assertThat(first.assignment()).isEqualTo(both);
            assertThat(seenBySecond).isEmpty();

            tx.beginTransaction();
            tx.sendOffsetsToTransaction(inFlight, first.groupMetadata());
            tx.commitTransaction();

            // The next poll hands one partition over; the second member starts after the committed offset.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                first.poll(Duration.ofMillis(100));
                return first.assignment().size() == 1;
            });
            try (Admin admin = kafka.admin()) {
                assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get())
                        .containsExactlyInAnyOrderEntriesOf(inFlight);
            }
        } finally {
            stop.set(true);
            secondMember.join();
        }
        assertThat(seenBySecond).isEmpty();
    }
}
