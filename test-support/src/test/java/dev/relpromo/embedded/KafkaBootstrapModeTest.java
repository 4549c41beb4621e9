package dev.relpromo.embedded;

import static dev.relpromo.embedded.KafkaBootstrap.Mode.EMBEDDED;
import static dev.relpromo.embedded.KafkaBootstrap.Mode.ENV;
import static dev.relpromo.embedded.KafkaBootstrap.Mode.TESTCONTAINERS;
import static dev.relpromo.embedded.KafkaBootstrap.chooseMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class KafkaBootstrapModeTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private final AtomicBoolean probed = new AtomicBoolean();
    private final BooleanSupplier recordingProbe = () -> {
        probed.set(true);
        return true;
    };

    @Test
    void envVariableWinsOverEverything() {
        assertThat(chooseMode("kafka:9092", true, recordingProbe)).isEqualTo(ENV);
        assertThat(chooseMode("kafka:9092", false, recordingProbe)).isEqualTo(ENV);
        assertThat(probed).isFalse();
    }

    @Test
    void blankEnvVariableIsIgnored() {
        assertThat(chooseMode("  ", false, NO_DOCKER)).isEqualTo(EMBEDDED);
        assertThat(chooseMode("", false, DOCKER)).isEqualTo(TESTCONTAINERS);
    }

    @Test
    void systemPropertyForcesEmbeddedWithoutProbingDocker() {
        assertThat(chooseMode(null, true, recordingProbe)).isEqualTo(EMBEDDED);
        assertThat(probed).isFalse();
    }

    @Test
    void dockerMeansTestcontainersElseEmbedded() {
        assertThat(chooseMode(null, false, DOCKER)).isEqualTo(TESTCONTAINERS);
        assertThat(chooseMode(null, false, NO_DOCKER)).isEqualTo(EMBEDDED);
    }

    @Test
    void anyFailureOfTheDockerProbeMeansNoDocker() {
        assertThat(chooseMode(null, false, () -> {
            throw new NoClassDefFoundError("com/github/dockerjava/api/DockerClient");
        })).isEqualTo(EMBEDDED);
        assertThat(chooseMode(null, false, () -> {
            throw new IllegalStateException("no socket");
        })).isEqualTo(EMBEDDED);
    }

    @Test
    void modeIdsAreTheDocumentedStrings() {
        assertThat(ENV.id()).isEqualTo("env");
        assertThat(TESTCONTAINERS.id()).isEqualTo("testcontainers");
        assertThat(EMBEDDED.id()).isEqualTo("embedded");
    }
}
