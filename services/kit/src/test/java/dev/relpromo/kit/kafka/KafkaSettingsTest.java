package dev.relpromo.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.topics.Replication;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
    private static final KafkaSettings CLUSTER = new KafkaSettings("kafka-1:9092", Map.of(), "pod-0", Replication.CLUSTER);

    @Test
    void streamsInternalTopicsGetTheConfiguredMinInsyncReplicas() {
        Properties p = CLUSTER.streamsBase();
        assertThat(p).containsEntry("topic.min.insync.replicas", "2").containsEntry("bootstrap.servers", "kafka-1:9092");
        assertThat(CLUSTER.replicationFactor()).isEqualTo((short) 3);
    }

    @Test
    void theConsumerProtocolDropsSettingsItWouldRefuse() {
        KafkaSettings kafka = new KafkaSettings("127.0.0.1:1", Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"),
                "pod-0", Replication.SINGLE_BROKER);
        Map<String, Object> classicOnly = Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        Map<Object, Object> props = new HashMap<>(classicOnly);
        GroupProtocols.apply(props, kafka);
        assertThat(props).containsOnly(Map.entry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"));
        // The real consumer accepts the result (it throws on any of those settings under this protocol).
        try (KafkaConsumer<String, byte[]> c = kafka.consumer("g", classicOnly)) {
            assertThat(c.groupMetadata().groupId()).isEqualTo("g");
        }
    }

    @Test
    void aChosenGroupProtocolReachesOnlyGroupConsumers() {
        KafkaSettings kafka = new KafkaSettings("127.0.0.1:1", Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"),
                "pod-0", Replication.SINGLE_BROKER);
        assertThat(kafka.streamsBase()).doesNotContainKey(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
    }

    @Test
    void theClassicProtocolUsesTheCooperativeStickyAssignor() {
        KafkaSettings kafka = new KafkaSettings("127.0.0.1:1", Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"),
                "pod-0", Replication.SINGLE_BROKER);
        Map<Object, Object> props = new HashMap<>();
        GroupProtocols.apply(props, kafka);
        assertThat(props).containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }

    @Test
    void anotherInstanceIdKeepsEverythingElse() {
        assertThat(CLUSTER.withInstanceId("pod-0-1"))
                .isEqualTo(new KafkaSettings("kafka-1:9092", Map.of(), "pod-0-1", Replication.CLUSTER));
    }

    @Test
    void defaultInstanceIdsDifferPerDataDirectoryAndStayStable() {
        String a = InstanceLock.defaultInstanceId(java.nio.file.Path.of("/srv/relpromo/a"));
        assertThat(a).matches("[A-Za-z0-9._-]+-[0-9a-f]{8}")
                .isEqualTo(InstanceLock.defaultInstanceId(java.nio.file.Path.of("/srv/relpromo/./a")))
                .isNotEqualTo(InstanceLock.defaultInstanceId(java.nio.file.Path.of("/srv/relpromo/b")));
    }
}
