package dev.relpromo.deploy;

import static dev.relpromo.deploy.Manifests.container;
import static dev.relpromo.deploy.Manifests.env;
import static dev.relpromo.deploy.Manifests.envEntry;
import static dev.relpromo.deploy.Manifests.get;
import static dev.relpromo.deploy.Manifests.volume;
import static dev.relpromo.deploy.Manifests.volumeMount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The chart renders every service module as a Deployment with the values' defaults. */
class HelmChartTest {

    @Test
    void chartPassesStrictLint() {
        HelmRun.Lint lint = HelmRun.lint(Chart.PATH);
        assertThat(lint.failed()).as("helm lint --strict: %s", lint.messages()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesAndSchemaListEveryServiceModule() {
        Map<String, Object> values = Reactor.yaml(Reactor.read("helm/relpromo/values.yaml"));
        assertThat(Manifests.map(values, "components")).containsOnlyKeys(Reactor.serviceModules());
        Map<String, Object> schema = Reactor.yaml(Reactor.read("helm/relpromo/values.schema.json"));
        assertThat(Manifests.map(schema, "properties.components.properties"))
                .containsOnlyKeys(Reactor.serviceModules());
        assertThat((List<Object>) Manifests.get(schema, "properties.components.required"))
                .containsExactlyInAnyOrderElementsOf(Reactor.serviceModules());
    }

    @Test
    void defaultsRenderOneProbedScrapedDeploymentPerServiceModule() {
        Manifests rendered = Chart.render();
        assertThat(rendered.ofKind("Deployment")).extracting(d -> get(d, "metadata.name"))
                .containsExactlyInAnyOrderElementsOf(Reactor.serviceModules().stream().map(Chart::objectName).toList());
        for (String name : Reactor.serviceModules()) {
            Map<String, Object> deployment = rendered.get("Deployment", Chart.objectName(name));
            Map<String, Object> container = container(deployment);
            assertThat(get(deployment, "spec.replicas")).as("replicas of %s", name).isEqualTo(1);
            Map<String, Object> selector = Map.of("app.kubernetes.io/name", "relpromo", "app.kubernetes.io/instance", Chart.RELEASE,
                    "app.kubernetes.io/component", name);
            assertThat(Manifests.map(deployment, "spec.selector.matchLabels")).isEqualTo(selector);
            assertThat(Manifests.map(deployment, "spec.template.metadata.labels")).containsAllEntriesOf(selector);
            assertThat(container.get("image")).isEqualTo("relpromo/" + name + ":0.1.0");
            assertThat(container.get("command")).isEqualTo(List.of("relpromo", "service", name, "--http-port", "8080"));
            assertThat(get(container, "ports")).isEqualTo(List.of(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP")));
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                assertThat(Manifests.map(container, probe + ".httpGet"))
                        .as("%s of %s", probe, name).isEqualTo(Map.of("path", "/health", "port", "http"));
            }
            assertThat(Manifests.map(deployment, "spec.template.metadata.annotations"))
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "8080")
                    .containsEntry("prometheus.io/path", "/prometheus");
            assertThat(get(deployment, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat(get(deployment, "spec.template.spec.securityContext.runAsUser")).isEqualTo(10001);

            assertThat(env(deployment, "RELPROMO_INSTANCE_ID"))
                    .isEqualTo(Map.of("name", "RELPROMO_INSTANCE_ID", "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))));
            assertThat(env(deployment, "KAFKA_BOOTSTRAP_SERVERS")).containsEntry("value", "kafka:9092");
            assertThat(env(deployment, "RELPROMO_REPLICATION_FACTOR")).containsEntry("value", "3");
            assertThat(env(deployment, "RELPROMO_MIN_INSYNC_REPLICAS")).containsEntry("value", "2");
            assertThat(env(deployment, "RELPROMO_STORE")).containsEntry("value", "/var/lib/relpromo/store");
            assertThat(envEntry(deployment, "RELPROMO_KAFKA_CONFIG")).as("no client config without a secret").isEmpty();
            assertThat(envEntry(deployment, "RELPROMO_BUILD_SOURCES")).isEmpty();
            assertThat(volume(deployment, "store")).contains(
                    Map.of("name", "store", "persistentVolumeClaim", Map.of("claimName", Chart.objectName("store"))));
            assertThat(volumeMount(deployment, "store")).contains(Map.of("name", "store", "mountPath", "/var/lib/relpromo/store"));
            assertThat(volume(deployment, "kafka-config")).isEmpty();
        }
        assertThat(get(container(rendered.get("Deployment", Chart.objectName("repack"))), "resources.requests.cpu")).isEqualTo("1");
        assertThat(get(container(rendered.get("Deployment", Chart.objectName("graph"))), "resources.requests.cpu")).isEqualTo("250m");
    }

    @Test
    void defaultsRenderTheStatusServiceAndASharedStoreClaim() {
        Manifests rendered = Chart.render();
        assertThat(rendered.ofKind("Service")).extracting(s -> get(s, "metadata.name")).containsExactly(Chart.objectName("graph"));
        Map<String, Object> service = rendered.get("Service", Chart.objectName("graph"));
        assertThat(Manifests.map(service, "spec.selector")).isEqualTo(Map.of(
                "app.kubernetes.io/name", "relpromo", "app.kubernetes.io/instance", Chart.RELEASE, "app.kubernetes.io/component", "graph"));
        assertThat(get(service, "spec.ports")).isEqualTo(List.of(Map.of("name", "http", "port", 8080, "targetPort", "http", "protocol", "TCP")));

        Map<String, Object> claim = rendered.get("PersistentVolumeClaim", Chart.objectName("store"));
        assertThat(get(claim, "spec.accessModes")).isEqualTo(List.of("ReadWriteMany"));
        assertThat(get(claim, "spec.resources.requests.storage")).isEqualTo("50Gi");
        assertThat(get(claim, "spec.storageClassName")).isNull();
        assertThat(get(claim, "metadata.annotations")).isEqualTo(Map.of("helm.sh/resource-policy", "keep"));
    }
}
