package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployed as separate processes: {@code relpromo broker} and one {@code relpromo service} each for graph, planner,
 * repack, signing and beetmover complete a Linux promote submitted with {@code relpromo submit-build}; the repack
 * process is killed mid-run and two repack processes take over; every result is committed exactly once.
 */
class ServiceProcessesIT {
    static final String RELEASE = "Firefox-135.0-build6";
    final EventCodec codec = new EventCodec("/relpromo/test");
    final HttpClient http = HttpClient.newHttpClient();
    final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void fiveServiceProcessesCompleteAPromoteAndSurviveReplacingTheRepackProcess() throws Exception {
        Path partners = LinuxRelease.partners(dir);
        Path builds = LinuxRelease.builds(dir, 3 * 1024 * 1024);
        int kafkaPort = Processes.freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        try {
            start("broker", "256m", "broker", "--data", dir.resolve("broker").toString(), "--port",
                    Integer.toString(kafkaPort), "--controller-port", Integer.toString(Processes.freePort()));
            KafkaSettings kafka = KafkaSettings.local(bootstrap, "services-it-reader");
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> {
                try (var admin = kafka.admin()) {
                    return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == 1;
                }
            });

            Map<String, URI> http = new LinkedHashMap<>();
            Map<String, Process> services = new HashMap<>();
            for (String name : List.of("graph", "planner", "repack", "signing", "beetmover", "checksums")) {
                int port = Processes.freePort();
                List<String> args = new ArrayList<>(serviceArgs(name, bootstrap, port, builds));
                if (name.equals("planner")) {
                    args.addAll(List.of("--partners", partners.toString()));
                }
                services.put(name, start(name, name.equals("repack") ? "768m" : "384m", args.toArray(String[]::new)));
                http.put(name, URI.create("http://127.0.0.1:" + port));
            }
            for (Map.Entry<String, URI> e : http.entrySet()) {
                await().atMost(Duration.ofMinutes(3)).ignoreExceptions()
                        .until(() -> get(e.getValue().resolve("/health")).statusCode() == 200);
            }

            RunCommandIT.Result submitted = RunCommandIT.relpromo("submit-build", "--bootstrap-servers", bootstrap,
                    "--release", RELEASE, "--builds", builds.toString());
            assertThat(submitted.code()).as(submitted.err()).isZero();

            // Once repacks are under way, the repack process dies; two new ones share its work.
            URI graph = http.get("graph");
            await().atMost(Duration.ofMinutes(3)).until(() -> repacksCompleted(graph) >= 1);
            services.get("repack").destroyForcibly().waitFor();
            for (int i = 1; i <= 2; i++) {
                int port = Processes.freePort();
                start("repack-" + i, "768m", serviceArgs("repack", bootstrap, port, builds, "repack-" + i)
                        .toArray(String[]::new));
                http.put("repack-" + i, URI.create("http://127.0.0.1:" + port));
            }

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> get(graph.resolve("/api/releases/" + RELEASE)).body().contains("\"complete\":true"));

            Map<String, Integer> results = new HashMap<>();
            for (Service s : Service.WORKERS) {
                for (ConsumerRecord<String, byte[]> r : Processes.readAll(kafka, Topics.results(s).name())) {
                    if (codec.decode(r).data() instanceof TaskCompleted c && c.release().equals(RELEASE)) {
                        results.merge(c.taskId() + "#" + c.attempt(), 1, Integer::sum);
                    }
                }
            }
            // 27 partner-path results and the release checksums (generate, signing, beetmover)
            assertThat(results).hasSize(30).allSatisfy((task, n) -> assertThat(n).as(task).isEqualTo(1));
            assertThat(Processes.readAll(kafka, Topics.PHASE_EVENTS.name()).stream()
                    .map(r -> codec.decode(r).data()).filter(PhaseCompleted.class::isInstance)).hasSize(1);

            // Every service answers /health and /prometheus; the workers export their own meters.
            for (Map.Entry<String, URI> e : http.entrySet()) {
                if (e.getKey().equals("repack")) {
                    continue; // killed
                }
                assertThat(get(e.getValue().resolve("/health")).statusCode()).as(e.getKey()).isEqualTo(200);
                HttpResponse<String> metrics = get(e.getValue().resolve("/prometheus"));
                assertThat(metrics.statusCode()).as(e.getKey()).isEqualTo(200);
                if (!e.getKey().equals("graph") && !e.getKey().equals("planner")) {
                    assertThat(metrics.body()).as(e.getKey()).contains("relpromo_worker_items_total",
                            "relpromo_worker_processing_seconds_count", "kafka_consumer_fetch_manager");
                }
            }
            assertThat(get(http.get("graph").resolve("/prometheus")).body()).contains("kafka_stream");
            RunCommandIT.Result status = RunCommandIT.relpromo("status", "--url", graph.toString(), RELEASE);
            assertThat(status.code()).as(status.out() + status.err()).isZero();
            assertThat(status.out()).contains(RELEASE + " promote: complete");
        } finally {
            for (Process p : processes) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private List<String> serviceArgs(String name, String bootstrap, int port, Path builds, String... id) {
        String data = id.length > 0 ? id[0] : name;
        return List.of("service", name, "--bootstrap-servers", bootstrap, "--store", dir.resolve("store").toString(),
                "--data", dir.resolve("state").resolve(data).toString(), "--http-port", Integer.toString(port),
                "--http-host", "127.0.0.1", "--replication-factor", "1", "--min-insync-replicas", "1",
                "--build-source", builds.toString(), "--keys", dir.resolve("keys").toString());
    }

    private Process start(String log, String heap, String... args) throws Exception {
        Process p = Processes.relpromo(dir.resolve(log + ".log"), heap, args);
        processes.add(p);
        return p;
    }

    private int repacksCompleted(URI graph) {
        try {
            String body = get(graph.resolve("/api/releases/" + RELEASE)).body();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("\"release-partner-repack\":\\{[^}]*\"completed\":(\\d+)").matcher(body);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
