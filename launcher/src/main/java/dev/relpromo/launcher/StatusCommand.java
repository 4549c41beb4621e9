package dev.relpromo.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.codec.EventCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per phase and kind, task counts by state, and the failed tasks with their errors (asks a running 'relpromo up').")
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RELEASE", description = "e.g. Firefox-135.0-build1")
    String release;

    @Option(names = "--url", defaultValue = "${env:RELPROMO_URL}",
            description = "The status API (env RELPROMO_URL). Default: the 'relpromo up' running on --data, else http://127.0.0.1:8080")
    URI url;

    @Option(names = "--data", defaultValue = "relpromo-data", description = "The data directory of a running 'relpromo up'. Default: ${DEFAULT-VALUE}")
    java.nio.file.Path data;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (url == null) {
            url = Endpoints.read(data).map(Endpoints::statusUri).orElse(URI.create("http://127.0.0.1:8080"));
        }
        URI uri = url.resolve("/api/releases/" + URLEncoder.encode(release, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.err.println("relpromo: nothing answers at " + url + " (start one with 'relpromo up', or pass --url)");
            return 2;
        }
        if (response.statusCode() == 404) {
            System.err.println("relpromo: release " + release + " is unknown to the graph at " + url);
            return 1;
        }
        if (response.statusCode() != 200) {
            System.err.println("relpromo: " + uri + " answered " + response.statusCode() + ": " + response.body());
            return 2;
        }
        JsonNode body = EventCodec.mapper().readTree(response.body());
        List<PhaseStatus> phases = new ArrayList<>();
        for (JsonNode p : body.get("phases")) {
            phases.add(EventCodec.mapper().treeToValue(p, PhaseStatus.class));
        }
        System.out.print(render(phases));
        return phases.stream().anyMatch(p -> !p.failed().isEmpty()) ? 1 : 0;
    }

    /** A table per phase: kind, pending, running, completed, failed; then the failures. */
    static String render(List<PhaseStatus> phases) {
        StringBuilder sb = new StringBuilder();
        for (PhaseStatus p : phases) {
            sb.append(p.release()).append(" ").append(p.phase().id()).append(": ")
                    .append(p.complete() ? "complete" : p.sealed() ? "in progress" : "being planned")
                    .append(" (").append(p.total().completed()).append("/").append(p.taskCount()).append(" tasks")
                    .append(p.configHash() == null ? "" : ", partner config " + p.configHash()).append(")\n");
            int width = p.kinds().keySet().stream().mapToInt(String::length).max().orElse(4);
            sb.append(String.format("  %-" + width + "s %8s %8s %10s %7s%n", "kind", "pending", "running", "completed", "failed"));
            for (Map.Entry<String, PhaseStatus.Counts> k : p.kinds().entrySet()) {
                PhaseStatus.Counts c = k.getValue();
                sb.append(String.format("  %-" + width + "s %8d %8d %10d %7d%n", k.getKey(), c.pending(), c.running(),
                        c.completed(), c.failed()));
            }
            for (PhaseStatus.FailedTask f : p.failed()) {
                sb.append("  FAILED ").append(f.label()).append(" (attempt ").append(f.attempt()).append("): ")
                        .append(f.error());
                if (f.input() != null) {
                    sb.append(" [input ").append(f.input()).append("]");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
