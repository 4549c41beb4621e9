package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.Service;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.events.topics.Topics;
import dev.relpromo.kit.kafka.KafkaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relpromo up} as its own process, killed with SIGKILL at random moments of a Linux promote (during repacks,
 * signing, publication, between a commit and the next publish) and restarted on the same data directory each time.
 * The release must complete with every published file intact and signed, each task's result committed exactly
 * once, one "phase completed", and no temporary or partial file left in the store.
 */
class KillRestartIT {
    static final String RELEASE = "Firefox-135.0-build1";
    static final int KILLS = 10;
    final EventCodec codec = new EventCodec("/relpromo/test");
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 12, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aPromoteSurvivesTenKillsAndCompletesExactlyOnce() throws Exception {
        Path partners = LinuxRelease.partners(dir);
        // A few MB of incompressible data per build: repacks take seconds, so kills land mid-work.
        Path builds = LinuxRelease.builds(dir, 6 * 1024 * 1024);
        Path data = dir.resolve("data");
        long seed = Long.getLong("relpromo.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> kills = new ArrayList<>();

        Process up = start(data, partners, builds, 0);
        try {
            RunCommandIT.Result submitted = RunCommandIT.relpromo("submit-build", "--data", data.toString(),
                    "--release", RELEASE, "--builds", builds.toString());
            assertThat(submitted.code()).as(submitted.err()).isZero();
            for (int k = 1; k <= KILLS; k++) {
                // Kill while work is under way: once this life has completed something, at a random moment after.
                int before = completed(progress(data));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> completed(progress(data)) > before);
                long after = random.nextInt(1000);
                Thread.sleep(after);
                String state = progress(data);
                assertThat(state).as("kill %d must come before the release completes (seed %d, %s)", k, seed, kills)
                        .doesNotContain("\"complete\":true");
                kills.add("kill " + k + " " + after + " ms after a completion: " + state);
                up.destroyForcibly().waitFor();
                up = start(data, partners, builds, k);
            }
            Process running = up;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> running.isAlive() && progress(data).contains("\"complete\":true"));

            KafkaSettings kafka = KafkaSettings.local(Endpoints.read(data).orElseThrow().bootstrapServers(), "kill-it-reader");
            // Each task's result committed exactly once (per attempt), and none failed.
            Map<String, Integer> results = new HashMap<>();
            for (Service s : Service.WORKERS) {
                for (ConsumerRecord<String, byte[]> r : Processes.readAll(kafka, Topics.results(s).name())) {
                    Object result = codec.decode(r).data();
                    assertThat(result).as("%s (seed %d, %s)", r.key(), seed, kills).isNotInstanceOf(TaskFailed.class);
                    if (result instanceof TaskCompleted c) {
                        results.merge(c.taskId() + "#" + c.attempt(), 1, Integer::sum);
                    }
                }
            }
            assertThat(results).as("seed %d, %s", seed, kills).isNotEmpty().allSatisfy((task, n) -> assertThat(n).as(task).isEqualTo(1));
            List<Object> completed = Processes.readAll(kafka, Topics.PHASE_EVENTS.name()).stream().<Object>map(r -> codec.decode(r).data())
                    .filter(PhaseCompleted.class::isInstance).toList();
            assertThat(completed).as("seed %d", seed).hasSize(1);

            Path store = data.resolve("store");
            try (Stream<Path> files = Files.walk(store)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("temporary or partial files left in the store").noneMatch(n -> n.startsWith(".tmp-")
                                || n.endsWith(".partial") || n.startsWith(".fetch-"));
            }
            Path candidates = store.resolve(RunCommandIT.CANDIDATES).resolve("partner-repacks");
            List<Path> published;
            try (Stream<Path> files = Files.walk(candidates)) {
                published = files.filter(p -> p.toString().endsWith(".tar.xz")).sorted().toList();
            }
            assertThat(published).hasSize(9);
            for (Path archive : published) {
                readFully(archive); // xz checks its CRCs: a torn file fails here
            }
            new RunCommandIT().verifyWith(dir, store.resolve(RunCommandIT.CANDIDATES).resolve("KEY"), published);
            System.out.println("KillRestartIT: seed " + seed + "\n  " + String.join("\n  ", kills));
        } finally {
            up.destroyForcibly().waitFor();
        }
    }

    /** Starts 'relpromo up' in its own JVM and waits until its status API answers. */
    private Process start(Path data, Path partners, Path builds, int life) throws Exception {
        Files.deleteIfExists(data.resolve(Endpoints.FILE)); // left behind by the killed process
        Process p = Processes.relpromo(dir.resolve("up.log"), "1g", "up", "--data", data.toString(), "--partners",
                partners.toString(), "--http-port", "0", "--build-source", builds.toString());
        try {
            // generous: a loaded CI machine restarts the whole stack (broker, Streams, six workers) slowly
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!p.isAlive()) {
                    throw new AssertionError("relpromo up (life " + life + ") exited with " + p.exitValue() + ":\n"
                            + Files.readString(dir.resolve("up.log")));
                }
                return Endpoints.read(data).map(e -> e.statusUri() != null).orElse(false);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String log = Files.readString(dir.resolve("up.log"));
            throw new AssertionError("relpromo up (life " + life + ") did not serve its status API within 3 minutes;"
                    + " the end of its log:\n" + log.substring(Math.max(0, log.length() - 20_000)), e);
        }
        return p;
    }

    /** Completed tasks in a progress line, or -1 when the status was unavailable. */
    private static int completed(String progress) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"completed\":(\\d+)").matcher(progress);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private String progress(Path data) {
        try {
            URI status = Endpoints.read(data).orElseThrow().statusUri();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(status.resolve("/api/releases/" + RELEASE))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            int total = body.indexOf("\"total\"");
            return r.statusCode() + " " + (total < 0 ? "" : body.substring(total, Math.min(body.length(), total + 80)))
                    + (body.contains("\"complete\":true") ? " \"complete\":true" : "");
        } catch (Exception e) {
            return "status unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static void readFully(Path archive) throws IOException {
        try (InputStream in = new XZCompressorInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            while (tar.getNextEntry() != null) {
                tar.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }
}
