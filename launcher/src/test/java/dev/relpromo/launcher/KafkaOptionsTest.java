package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.topics.Replication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.junit.jupiter.api.Test;

class KafkaOptionsTest {
    @Command
    static final class Holder {
        @Mixin
        KafkaOptions kafka;
    }

    private static KafkaOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.kafka;
    }

    @Test
    void replicationDefaultsToWhereKafkaRuns() {
        assertThat(parse().replication()).isEqualTo(Replication.SINGLE_BROKER);
        assertThat(parse("--bootstrap-servers", "kafka-1:9092").replication()).isEqualTo(Replication.CLUSTER);
        assertThat(parse("--bootstrap-servers", "kafka-1:9092", "--replication-factor", "5", "--min-insync-replicas", "3")
                .replication()).isEqualTo(new Replication((short) 5, (short) 3));
    }

    @Test
    void impossibleReplicationIsRefusedNamingTheOptions() {
        assertThatThrownBy(() -> parse("--bootstrap-servers", "k:9092", "--replication-factor", "2",
                "--min-insync-replicas", "3").replication()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--replication-factor/--min-insync-replicas: min.insync.replicas (3) cannot exceed the "
                        + "replication factor (2): no write could ever succeed");
        assertThatThrownBy(() -> parse("--bootstrap-servers", "k:9092", "--replication-factor", "0").replication())
                .hasMessage("--replication-factor/--min-insync-replicas: the replication factor must be at least 1, not 0");
        assertThatThrownBy(() -> parse("--replication-factor", "3").replication())
                .hasMessage("--replication-factor 3: the embedded broker is a single node, so every topic has 1 replica; "
                        + "use --bootstrap-servers for a cluster");
    }

    @Test
    void theInstanceIdIsLeftToTheStackUnlessGiven() {
        // Unset here (unless the environment sets it): the stack derives it from host and data directory.
        assertThat(parse().instanceId).isEqualTo(System.getenv("RELPROMO_INSTANCE_ID"));
        assertThat(parse("--instance-id", "pod-3").instanceId).isEqualTo("pod-3");
    }
}
