package dev.relpromo.launcher;

import dev.relpromo.events.topics.Replication;
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

    @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "${env:RELPROMO_INSTANCE_ID}",
            description = "Unique per running instance (e.g. the pod name): makes transactional ids unique; a second "
                    + "process with the same id is refused (env: RELPROMO_INSTANCE_ID). "
                    + "Default: <host name>-<8 hex digits of the SHA-256 of the data directory>.")
    String instanceId;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:RELPROMO_REPLICATION_FACTOR}",
            description = "Replicas of every topic, Streams internal topics included (env: RELPROMO_REPLICATION_FACTOR). "
                    + "Default: 1 on the embedded broker, 3 on an existing cluster.")
    Integer replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "N", defaultValue = "${env:RELPROMO_MIN_INSYNC_REPLICAS}",
            description = "min.insync.replicas of every topic (env: RELPROMO_MIN_INSYNC_REPLICAS). "
                    + "Default: 1 on the embedded broker, 2 on an existing cluster (never more than the replication factor).")
    Integer minInsyncReplicas;

    /** The replication settings, checked: both at least 1, min ISR at most the factor, 1 on the embedded broker. */
    Replication replication() {
        Replication r;
        try {
            r = Replication.of(replicationFactor, minInsyncReplicas, bootstrap() == null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--replication-factor/--min-insync-replicas: " + e.getMessage(), e);
        }
        if (bootstrap() == null && r.factor() > 1) {
            throw new IllegalArgumentException("--replication-factor " + r.factor() + ": the embedded broker is a single "
                    + "node, so every topic has 1 replica; use --bootstrap-servers for a cluster");
        }
        return r;
    }

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
