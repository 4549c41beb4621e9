package dev.relpromo.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.graph.TaskView;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A client of the status API of a running {@code relpromo up} (found through its data directory, else :8080). */
final class StatusApi {
    /** The API answered something other than 200 or 404. */
    static final class Unavailable extends IOException {
        Unavailable(String message) {
            super(message);
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StatusApi(URI base) {
        this.base = base;
    }

    /** The explicit URL, else the one the 'relpromo up' on {@code data} recorded, else http://127.0.0.1:8080. */
    static StatusApi of(URI url, Path data) throws IOException {
        return new StatusApi(url != null ? url
                : Endpoints.read(data).map(Endpoints::statusUri).orElse(URI.create("http://127.0.0.1:8080")));
    }

    URI base() {
        return base;
    }

    /**
     * GETs {@code /api/releases/<release><suffix>}: the body, or empty for an unknown release (404).
     *
     * @throws ConnectException when nothing answers
     * @throws Unavailable      for any other status (e.g. 503 while the graph's stores move)
     */
    Optional<JsonNode> release(String release, String suffix) throws IOException, InterruptedException {
        URI uri = base.resolve("/api/releases/" + URLEncoder.encode(release, StandardCharsets.UTF_8) + suffix);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(EventCodec.mapper().readTree(response.body()));
    }

    /** The release's tasks (optionally only those with at least {@code minAttempt}); empty for an unknown release. */
    Optional<List<TaskView>> tasks(String release, Integer minAttempt) throws IOException, InterruptedException {
        Optional<JsonNode> body = release(release, "/tasks" + (minAttempt == null ? "" : "?min_attempt=" + minAttempt));
        if (body.isEmpty()) {
            return Optional.empty();
        }
        List<TaskView> tasks = new ArrayList<>();
        for (JsonNode t : body.get().get("tasks")) {
            tasks.add(EventCodec.mapper().treeToValue(t, TaskView.class));
        }
        return Optional.of(tasks);
    }
}
