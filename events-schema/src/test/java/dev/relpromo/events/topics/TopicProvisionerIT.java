package dev.relpromo.events.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.relpromo.embedded.BootstrapServers;
import dev.relpromo.embedded.KafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Provisioning on a real broker: replication settings applied, existing topics that differ refused. */
@ExtendWith(KafkaExtension.class)
class TopicProvisionerIT {
    private final String prefix = "provisioner-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private Admin admin;

    @BeforeEach
    void connect(@BootstrapServers String servers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
    }

    @AfterEach
    void disconnect() {
        admin.close(Duration.ofSeconds(5));
    }

    private TopicSpec spec(String name, int partitions, boolean compacted) {
        return new TopicSpec(prefix + name, partitions, compacted, compacted ? null : Duration.ofDays(7), "k", name);
    }

    private void create(String name, int partitions, String cleanupPolicy) throws Exception {
        admin.createTopics(List.of(new NewTopic(prefix + name, partitions, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy)))).all().get();
        // The broker lists a new topic once its metadata has propagated, a moment after the controller created it.
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.listTopics().names().get().contains(prefix + name));
    }

    @Test
    void existingTopicsThatDifferAreAllReportedAndNothingIsCreated() throws Exception {
        create("fewer-partitions", 3, "delete");
        create("not-compacted", 3, "delete");
        create("matching", 6, "delete");
        create("both-wrong", 2, "compact,delete");
        List<TopicSpec> catalogue = List.of(spec("fewer-partitions", 6, false), spec("not-compacted", 3, true),
                spec("matching", 6, false), spec("both-wrong", 3, false), spec("missing", 3, false));

        TopicMismatchException e = catchThrowableOfType(TopicMismatchException.class,
                () -> new TopicProvisioner(admin, Replication.SINGLE_BROKER).provision(catalogue));

        assertThat(e.mismatches()).containsExactly(
                prefix + "fewer-partitions: partitions expected 6, actual 3",
                prefix + "not-compacted: cleanup.policy expected compact, actual delete",
                prefix + "both-wrong: partitions expected 3, actual 2; cleanup.policy expected delete, actual compact,delete");
        assertThat(e.getMessage()).startsWith("existing topics differ from the topic catalogue; refusing to start:\n  "
                + prefix + "fewer-partitions: partitions expected 6, actual 3\n  ");
        assertThat(admin.listTopics().names().get()).doesNotContain(prefix + "missing");
    }

    @Test
    void matchingTopicsAreKeptAndMissingOnesCreatedWithTheConfiguredReplication() throws Exception {
        create("same", 3, "compact");
        List<TopicSpec> catalogue = List.of(spec("same", 3, true), spec("new-log", 4, false), spec("new-state", 2, true));
        TopicProvisioner provisioner = new TopicProvisioner(admin, Replication.SINGLE_BROKER);

        assertThat(provisioner.provision(catalogue)).containsExactly(prefix + "new-log", prefix + "new-state");
        assertThat(provisioner.provision(catalogue)).isEmpty();

        assertThat(admin.describeTopics(List.of(prefix + "new-log")).allTopicNames().get().get(prefix + "new-log")
                .partitions()).hasSize(4).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
        Config log = topicConfig(prefix + "new-log");
        assertThat(log.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("1");
        // Set on the topic, not inherited from the broker's default.
        assertThat(log.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).source())
                .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(log.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
        assertThat(topicConfig(prefix + "new-state").get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
    }

    @Test
    void everyCatalogueTopicGetsMinInsyncReplicas() throws Exception {
        new TopicProvisioner(admin, Replication.SINGLE_BROKER).provisionAll();
        List<String> names = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toList());
        for (String name : names) {
            ConfigEntry minIsr = topicConfig(name).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            assertThat(minIsr.source()).as(name).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(minIsr.value()).as(name).isEqualTo("1");
        }
        // A second start on the same cluster finds nothing to create and nothing that differs.
        assertThat(new TopicProvisioner(admin, Replication.SINGLE_BROKER).provisionAll()).isEmpty();
    }

    private Config topicConfig(String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
