package dev.relpromo.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Where Kafka is: the embedded broker by default, or an existing cluster with its client settings. */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Use an existing Kafka cluster instead of the embedded broker (env: KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Client properties for that cluster (security.protocol, ssl.*, sasl.*). Never logged.")
    Path kafkaConfig;

    @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:RELPROMO_INSTANCE_ID:-local}",
            description = "Unique per running instance (e.g. the pod name): makes transactional ids unique. Default: ${DEFAULT-VALUE}")
    String instanceId;

    Map<String, String> client() throws IOException {
        Map<String, String> client = new TreeMap<>();
        if (kafkaConfig != null) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(kafkaConfig)) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> client.put(k, p.getProperty(k)));
        }
        return client;
    }

    String bootstrap() {
        return bootstrapServers == null || bootstrapServers.isBlank() ? null : bootstrapServers;
    }
}
