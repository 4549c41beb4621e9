package dev.relpromo.events.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicationTest {
    @Test
    void defaultsDependOnWhereKafkaRuns() {
        assertThat(Replication.of(null, null, true)).isEqualTo(new Replication((short) 1, (short) 1));
        assertThat(Replication.of(null, null, false)).isEqualTo(new Replication((short) 3, (short) 2));
    }

    @Test
    void anUnsetMinInsyncReplicasNeverExceedsTheConfiguredFactor() {
        assertThat(Replication.of(1, null, false)).isEqualTo(new Replication((short) 1, (short) 1));
        assertThat(Replication.of(5, null, false)).isEqualTo(new Replication((short) 5, (short) 2));
        assertThat(Replication.of(null, 3, false)).isEqualTo(new Replication((short) 3, (short) 3));
    }

    @Test
    void impossibleSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Replication.of(2, 3, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min.insync.replicas (3) cannot exceed the replication factor (2): no write could ever succeed");
        assertThatThrownBy(() -> Replication.of(0, null, true))
                .hasMessage("the replication factor must be at least 1, not 0");
        assertThatThrownBy(() -> Replication.of(3, 0, false))
                .hasMessage("min.insync.replicas must be at least 1, not 0");
        assertThatThrownBy(() -> Replication.of(40000, 1, false))
                .hasMessage("the replication factor 40000 is too large");
    }
}
