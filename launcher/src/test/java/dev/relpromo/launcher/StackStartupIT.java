package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.embedded.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'relpromo up' refuses to start, with the reason and a non-zero exit, instead of running on a conflict. */
class StackStartupIT {
    @TempDir
    Path dir;

    private static Stack.Options options(Path data, String bootstrap, String instanceId) {
        return new Stack.Options(data.resolve("state"), data.resolve("store").toString(), data.resolve("keys"), bootstrap, Map.of(),
                null, false, -1, instanceId, 1, null);
    }

    @Test
    void aSecondProcessOnTheSameDataOrWithTheSameInstanceIdIsRefusedAndTheFirstRunsOn() throws Exception {
        Path first = dir.resolve("first");
        try (Stack stack = new Stack(options(first, null, "startup-it")).start()) {
            RunCommandIT.Result sameData = RunCommandIT.relpromo("up", "--data", first.toString(), "--http-port", "-1");
            assertThat(sameData.code()).isNotZero();
            assertThat(sameData.err()).contains("data directory " + first.resolve("state").toAbsolutePath()
                    + " is in use by another relpromo process");

            RunCommandIT.Result sameId = RunCommandIT.relpromo("up", "--data", dir.resolve("second").toString(),
                    "--bootstrap-servers", stack.bootstrapServers(), "--instance-id", "startup-it", "--http-port", "-1");
            assertThat(sameId.code()).isNotZero();
            assertThat(sameId.err()).contains("instance id 'startup-it' is already in use by another running relpromo: "
                    + "consumer group relpromo-instance-startup-it has the live member relpromo-instance-");

            assertThat(stack.graph().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void topicsThatDifferFromTheCatalogueAreReportedAndNothingStarts() throws Exception {
        Path data = dir.resolve("data");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(data.resolve("state").resolve("kafka"))
                .build().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("relpromo.builds", 2, (short) 1),
                    new NewTopic("relpromo.status", 3, (short) 1).configs(Map.of("cleanup.policy", "delete")))).all().get();
        }
        RunCommandIT.Result up = RunCommandIT.relpromo("up", "--data", data.toString(), "--http-port", "-1");
        assertThat(up.code()).isNotZero();
        assertThat(up.err()).contains("existing topics differ from the topic catalogue; refusing to start:\n"
                + "  relpromo.builds: partitions expected 6, actual 2\n"
                + "  relpromo.status: cleanup.policy expected compact, actual delete\n");
        // Nothing was created, and the refused start released the data directory.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(data.resolve("state").resolve("kafka"))
                .build().start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsExactlyInAnyOrder("relpromo.builds", "relpromo.status");
        }
    }
}
