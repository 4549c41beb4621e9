package dev.relpromo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml runs one KRaft Kafka and every service module, sharing the artifact-store volume. */
class ComposeTest {

    static final Map<String, Object> COMPOSE = Reactor.yaml(Reactor.read("docker-compose.yml"));
    static final String KAFKA = "kafka";
    static final String STORE_VOLUME = "store";

    static List<String> serviceModules() {
        return Reactor.serviceModules();
    }

    @Test
    void kafkaIsOneHealthCheckedKraftNodeOfTheApacheImage() {
        Map<String, Object> kafka = service(KAFKA);
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        Map<String, Object> env = map(kafka, "environment");
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_NODE_ID", 1)
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1)
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1);
        assertThat((String) env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
        assertThat(list(map(kafka, "healthcheck"), "test")).first().isEqualTo("CMD-SHELL");
    }

    @Test
    void composeRunsExactlyKafkaAndTheServiceModules() {
        Set<String> expected = new HashSet<>(Reactor.serviceModules());
        expected.add(KAFKA);
        assertThat(map(COMPOSE, "services")).containsOnlyKeys(expected);
        assertThat(map(COMPOSE, "volumes")).containsKey(STORE_VOLUME);
    }

    @ParameterizedTest
    @MethodSource("serviceModules")
    void serviceRunsItsOwnImageTargetWithTheHttpPortItsHealthCheckProbes(String name) {
        Map<String, Object> service = service(name);
        Map<String, Object> build = map(service, "build");
        assertThat(build).containsEntry("context", ".").containsEntry("target", name);
        assertThat((String) service.get("image")).startsWith("relpromo/" + name + ":");

        // What the container runs: the target's ENTRYPOINT followed by the compose command.
        List<String> argv = new ArrayList<>(Dockerfile.execForm(DockerfileTest.DOCKERFILE.effective(name, "ENTRYPOINT").orElseThrow()));
        argv.addAll(list(service, "command"));
        assertThat(argv).containsExactly("relpromo", "service", name, "--http-port", "8080");
        assertThat(list(map(service, "healthcheck"), "test"))
                .containsExactly("CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/health");
    }

    @ParameterizedTest
    @MethodSource("serviceModules")
    void serviceUsesKafkaTheSharedStoreAndItsOwnInstanceId(String name) {
        Map<String, Object> service = service(name);
        Map<String, Object> env = map(service, "environment");
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("RELPROMO_STORE", "/var/lib/relpromo/store")
                .containsEntry("RELPROMO_INSTANCE_ID", name + "-1")
                .containsEntry("RELPROMO_REPLICATION_FACTOR", "1")
                .containsEntry("RELPROMO_MIN_INSYNC_REPLICAS", "1");
        assertThat(list(service, "volumes")).as("volumes of %s", name).contains(STORE_VOLUME + ":" + env.get("RELPROMO_STORE"));
        assertThat(map(map(service, "depends_on"), KAFKA)).containsEntry("condition", "service_healthy");
    }

    @Test
    void instanceIdsAreUnique() {
        List<Object> ids = Reactor.serviceModules().stream().map(n -> map(service(n), "environment").get("RELPROMO_INSTANCE_ID")).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void plannerReadsPartnersAndSigningKeepsItsKeysOnVolumes() {
        Map<String, Object> planner = service("planner");
        assertThat(map(planner, "environment")).containsEntry("RELPROMO_PARTNERS", "/etc/relpromo/partners");
        assertThat(list(planner, "volumes")).anySatisfy(v -> assertThat((String) v).endsWith(":/etc/relpromo/partners:ro"));
        Map<String, Object> signing = service("signing");
        assertThat(map(signing, "environment")).containsEntry("RELPROMO_KEYS", "/var/lib/relpromo/keys");
        assertThat(list(signing, "volumes")).contains("keys:/var/lib/relpromo/keys");
    }

    static Map<String, Object> service(String name) {
        Map<String, Object> service = map(map(COMPOSE, "services"), name);
        assertThat(service).as("docker-compose.yml service %s", name).isNotNull();
        return service;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as("%s is a map", key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as("%s is a list", key).isInstanceOf(List.class);
        return (List<T>) value;
    }
}
