package dev.relpromo.embedded;

import static dev.relpromo.embedded.Clients.consumer;
import static dev.relpromo.embedded.Clients.createTopic;
import static dev.relpromo.embedded.Clients.pollUntil;
import static dev.relpromo.embedded.Clients.producer;
import static dev.relpromo.embedded.Clients.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One broker with the default settings, started once for the class: what every client of it (the launcher, the
 * tests through test-support's {@code KafkaExtension}) relies on. Tests that need a broker of their own are in
 * {@link EmbeddedKafkaBrokerTest}.
 */
class EmbeddedKafkaBrokerDefaultsTest {

    private static EmbeddedKafkaBroker broker;
    private static String servers;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        servers = broker.bootstrapServers();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void isOnLoopbackAndWarmedUpWithStrictTopicDefaults() throws Exception {
        assertThat(servers).matches("127\\.0\\.0\\.1:\\d+");
        try (Admin admin = Clients.admin(servers)) {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get());
            assertThat(nodes).singleElement().satisfies(n -> assertThat(n.host()).isEqualTo("127.0.0.1"));

            // warm-up created the internal topics and removed its own topic
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            assertThat(topics).contains("__consumer_offsets", "__transaction_state")
                    .noneMatch(t -> t.startsWith("relpromo-warmup-"));

            ConfigResource brokerConfig = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(nodes.get(0).id()));
            Config config = admin.describeConfigs(List.of(brokerConfig)).all().get().get(brokerConfig);
            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("num.partitions").value()).isEqualTo("3");
            assertThat(config.get("transaction.state.log.replication.factor").value()).isEqualTo("1");
        }
    }

    @Test
    void roundTrip() throws Exception {
        String topic = unique("round-trip");
        createTopic(servers, topic, 3);

        try (KafkaProducer<String, String> producer = producer(servers, Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
            }
        }

        try (KafkaConsumer<String, String> consumer = consumer(servers, unique("group"), Map.of())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = pollUntil(consumer, r -> r.size() >= 10);
            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("value-0", "value-1", "value-2", "value-3", "value-4",
                            "value-5", "value-6", "value-7", "value-8", "value-9");
            consumer.commitSync();
        }
    }

    @Test
    void readCommittedSeesCommittedTransactionsOnly() throws Exception {
        String topic = unique("tx");
        createTopic(servers, topic, 1);

        try (KafkaProducer<String, String> producer = producer(servers, Map.of("transactional.id", unique("tx")))) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed-1"));
            producer.send(new ProducerRecord<>(topic, "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "last"));
            producer.commitTransaction();
        }

        try (KafkaConsumer<String, String> committed =
                     consumer(servers, unique("rc"), Map.of("isolation.level", "read_committed"));
             KafkaConsumer<String, String> uncommitted =
                     consumer(servers, unique("ru"), Map.of("isolation.level", "read_uncommitted"))) {
            committed.subscribe(List.of(topic));
            uncommitted.subscribe(List.of(topic));

            // "last" comes after the aborted record, so once it arrives the aborted one has been filtered or not
            assertThat(pollUntil(committed, r -> hasValue(r, "last"))).extracting(ConsumerRecord::value)
                    .containsExactly("committed-1", "committed-2", "last");
            // proves the aborted record really reached the log, so the filtering above is meaningful
            assertThat(pollUntil(uncommitted, r -> hasValue(r, "last"))).extracting(ConsumerRecord::value)
                    .containsExactly("committed-1", "committed-2", "aborted", "last");
        }
    }

    private static boolean hasValue(List<ConsumerRecord<String, String>> records, String value) {
        return records.stream().anyMatch(r -> value.equals(r.value()));
    }
}
