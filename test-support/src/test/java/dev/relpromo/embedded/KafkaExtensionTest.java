package dev.relpromo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs against the shared Kafka the extension provides (embedded on a machine without Docker). What that broker
 * does is tested in embedded-kafka; here, only that the extension hands out one working Kafka per JVM.
 */
@ExtendWith(KafkaExtension.class)
class KafkaExtensionTest {

    private final String servers;

    KafkaExtensionTest(@BootstrapServers String servers) {
        this.servers = servers;
    }

    @Test
    void constructorAndMethodInjectionAndStaticAccessorAgree(@BootstrapServers String fromMethod) {
        assertThat(servers).isNotBlank().isEqualTo(fromMethod).isEqualTo(KafkaExtension.bootstrapServers())
                .isEqualTo(KafkaBootstrap.bootstrapServers());
        assertThat(KafkaExtension.mode()).isIn("env", "testcontainers", "embedded");
    }

    @Test
    void theSharedKafkaAnswers() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            assertThat(admin.describeCluster().nodes().get()).isNotEmpty();
        }
    }

    @Test
    void withoutDockerOrEnvironmentItIsTheEmbeddedBrokerOnLoopback() {
        assumeTrue(KafkaBootstrap.mode().equals("embedded"), "shared Kafka is not the embedded broker");
        assertThat(servers).matches("127\\.0\\.0\\.1:\\d+");
    }
}
