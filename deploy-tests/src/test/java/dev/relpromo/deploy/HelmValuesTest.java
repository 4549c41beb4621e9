package dev.relpromo.deploy;

import static dev.relpromo.deploy.Manifests.container;
import static dev.relpromo.deploy.Manifests.env;
import static dev.relpromo.deploy.Manifests.envEntry;
import static dev.relpromo.deploy.Manifests.get;
import static dev.relpromo.deploy.Manifests.volume;
import static dev.relpromo.deploy.Manifests.volumeMount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-default values render what they promise, and values the schema forbids stop template and lint. */
class HelmValuesTest {

    /** A disabled component, scaled repack, S3 store, Kafka over SASL_SSL, signing keys from a Secret. */
    static final String PRODUCTION = """
            components:
              beetmover:
                enabled: false
              repack:
                enabled: true
                replicas: 4
                concurrency: 3
                image: {tag: 0.1.1}
              signing:
                enabled: true
                volumes:
                  - {name: keys, mountPath: /etc/relpromo/keys, readOnly: true, env: RELPROMO_KEYS,
                     source: {secret: {secretName: relpromo-signing-keys}}}
            default:
              image: {repository: registry.example/relpromo}
              env:
                - {name: JAVA_OPTS, value: "-XX:MaxRAMPercentage=60"}
            kafka:
              bootstrapServers: b-1.kafka.example:9096,b-2.kafka.example:9096
              clientConfig:
                secretName: relpromo-kafka-client
            buildSources: [https://archive.example/pub/, /mnt/builds]
            store:
              type: s3
              s3:
                bucket: releases
                prefix: /relpromo/
                region: eu-west-1
                endpoint: https://s3.example
                pathStyle: true
                credentialsSecret:
                  name: relpromo-s3
                  accessKeyIdKey: id
                  secretAccessKeyKey: secret
            """;

    @TempDir
    Path dir;

    @Test
    void disabledComponentHasNoDeploymentAndRepackScalesOnItsOwn() {
        Manifests rendered = Chart.render(dir, PRODUCTION);
        assertThat(rendered.find("Deployment", Chart.objectName("beetmover"))).isEmpty();
        assertThat(rendered.ofKind("Deployment")).extracting(d -> get(d, "metadata.name")).containsExactlyInAnyOrderElementsOf(
                Reactor.serviceModules().stream().filter(n -> !n.equals("beetmover")).map(Chart::objectName).toList());
        Map<String, Object> repack = rendered.get("Deployment", Chart.objectName("repack"));
        assertThat(get(repack, "spec.replicas")).isEqualTo(4);
        assertThat(get(rendered.get("Deployment", Chart.objectName("graph")), "spec.replicas")).isEqualTo(1);
        assertThat(container(repack).get("image")).isEqualTo("registry.example/relpromo/repack:0.1.1");
        assertThat(container(rendered.get("Deployment", Chart.objectName("graph"))).get("image"))
                .isEqualTo("registry.example/relpromo/graph:0.1.0");
        assertThat(env(repack, "RELPROMO_CONCURRENCY")).containsEntry("value", "3");
        assertThat(envEntry(rendered.get("Deployment", Chart.objectName("graph")), "RELPROMO_CONCURRENCY")).isEmpty();
    }

    @Test
    void s3StoreReplacesTheClaimWithBucketSettingsAndSecretCredentials() {
        Manifests rendered = Chart.render(dir, PRODUCTION);
        assertThat(rendered.ofKind("PersistentVolumeClaim")).isEmpty();
        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            assertThat(env(deployment, "RELPROMO_STORE")).containsEntry("value", "s3://releases/relpromo");
            assertThat(env(deployment, "AWS_REGION")).containsEntry("value", "eu-west-1");
            assertThat(env(deployment, "AWS_ENDPOINT_URL")).containsEntry("value", "https://s3.example");
            assertThat(env(deployment, "RELPROMO_S3_PATH_STYLE")).containsEntry("value", "true");
            assertThat(env(deployment, "AWS_ACCESS_KEY_ID")).isEqualTo(Map.of("name", "AWS_ACCESS_KEY_ID",
                    "valueFrom", Map.of("secretKeyRef", Map.of("name", "relpromo-s3", "key", "id"))));
            assertThat(env(deployment, "AWS_SECRET_ACCESS_KEY")).isEqualTo(Map.of("name", "AWS_SECRET_ACCESS_KEY",
                    "valueFrom", Map.of("secretKeyRef", Map.of("name", "relpromo-s3", "key", "secret"))));
            assertThat(volume(deployment, "store")).isEmpty();
            assertThat(volumeMount(deployment, "store")).isEmpty();
        }
    }

    @Test
    void kafkaClientSecretIsMountedAndNamedByRelpromoKafkaConfig() {
        Manifests rendered = Chart.render(dir, PRODUCTION);
        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            assertThat(env(deployment, "KAFKA_BOOTSTRAP_SERVERS")).containsEntry("value", "b-1.kafka.example:9096,b-2.kafka.example:9096");
            assertThat(env(deployment, "RELPROMO_KAFKA_CONFIG")).containsEntry("value", "/etc/relpromo/kafka/client.properties");
            assertThat(volume(deployment, "kafka-config")).contains(
                    Map.of("name", "kafka-config", "secret", Map.of("secretName", "relpromo-kafka-client")));
            assertThat(volumeMount(deployment, "kafka-config")).contains(
                    Map.of("name", "kafka-config", "mountPath", "/etc/relpromo/kafka", "readOnly", true));
            assertThat(env(deployment, "RELPROMO_BUILD_SOURCES")).containsEntry("value", "https://archive.example/pub/,/mnt/builds");
            assertThat(env(deployment, "JAVA_OPTS")).containsEntry("value", "-XX:MaxRAMPercentage=60");
        }
    }

    @Test
    void componentVolumeIsMountedOnlyInItsComponentWithItsVariable() {
        Manifests rendered = Chart.render(dir, PRODUCTION);
        Map<String, Object> signing = rendered.get("Deployment", Chart.objectName("signing"));
        assertThat(volume(signing, "keys")).contains(Map.of("name", "keys", "secret", Map.of("secretName", "relpromo-signing-keys")));
        assertThat(volumeMount(signing, "keys")).contains(Map.of("name", "keys", "mountPath", "/etc/relpromo/keys", "readOnly", true));
        assertThat(env(signing, "RELPROMO_KEYS")).containsEntry("value", "/etc/relpromo/keys");
        assertThat(volume(rendered.get("Deployment", Chart.objectName("repack")), "keys")).isEmpty();
    }

    @Test
    void claimTakesSizeAndStorageClassOrAnExistingClaim() {
        Manifests sized = Chart.render(dir, "store: {pvc: {size: 2Ti, storageClass: efs-sc}}");
        Map<String, Object> claim = sized.get("PersistentVolumeClaim", Chart.objectName("store"));
        assertThat(get(claim, "spec.resources.requests.storage")).isEqualTo("2Ti");
        assertThat(get(claim, "spec.storageClassName")).isEqualTo("efs-sc");

        Manifests existing = Chart.render(dir, "store: {pvc: {existingClaim: shared-artifacts}}");
        assertThat(existing.ofKind("PersistentVolumeClaim")).isEmpty();
        assertThat(volume(existing.get("Deployment", Chart.objectName("graph")), "store"))
                .contains(Map.of("name", "store", "persistentVolumeClaim", Map.of("claimName", "shared-artifacts")));
    }

    @Test
    void valuesTheSchemaForbidsStopTemplate() {
        assertSchemaRejects("components: {repack: {enabled: true, replicas: two}}", "at '/components/repack/replicas': got string, want integer");
        assertSchemaRejects("components: {repack: {enabled: true, replica: 2}}", "at '/components/repack': additional properties 'replica' not allowed");
        assertSchemaRejects("components: {repak: {enabled: true}}", "at '/components': additional properties 'repak' not allowed");
        assertSchemaRejects("store: {type: s3}", "at '/store/s3/bucket'");
        assertSchemaRejects("store: {type: nfs}", "at '/store/type'");
        assertSchemaRejects("kafka: {bootstrapServers: \"\"}", "at '/kafka/bootstrapServers'");
        assertSchemaRejects("default: {httpPort: 70000}", "at '/default/httpPort'");
    }

    @Test
    void valuesTheSchemaForbidsFailStrictLint() throws IOException {
        Path chart = copyChart(dir.resolve("relpromo"));
        Path values = chart.resolve("values.yaml");
        Files.writeString(values, Files.readString(values).replace("  repack:\n    enabled: true\n",
                "  repack:\n    enabled: true\n    replicas: \"two\"\n"));
        HelmRun.Lint lint = HelmRun.lint(chart);
        assertThat(lint.failed()).as("lint of %s", values).isTrue();
        assertThat(String.join("\n", lint.messages())).contains("at '/components/repack/replicas': got string, want integer");
    }

    private void assertSchemaRejects(String valuesYaml, String error) {
        Path values = Chart.writeValues(dir, valuesYaml);
        assertThatThrownBy(() -> HelmRun.template(Chart.PATH, values)).as("values %s", valuesYaml)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(error);
    }

    private static Path copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(Chart.PATH)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(Chart.PATH.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }
}
