package dev.relpromo.graph.http;

import dev.relpromo.events.codec.EventCodec;
import dev.relpromo.graph.GraphQueries;
import dev.relpromo.graph.TaskView;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Read-only status API over the graph's stores. Bodies are written with the event mapper so the API speaks the
 * same snake_case JSON as the topics.
 */
@Controller("/api")
@Requires(beans = GraphQueries.class) // a service process without the graph serves only /health and /prometheus
public class StatusController {
    private final GraphQueries graph;

    public StatusController(GraphQueries graph) {
        this.graph = graph;
    }

    @Get(value = "/releases", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> releases() {
        return query(() -> Map.of("releases", graph.releases()));
    }

    @Get(value = "/releases/{release}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> release(@PathVariable String release) {
        return query(() -> {
            var phases = graph.phases(release);
            return phases.isEmpty() ? null : Map.of("release", release, "phases", phases);
        });
    }

    @Get(value = "/releases/{release}/tasks", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> tasks(@PathVariable String release, @Nullable @QueryValue String state,
                                      @Nullable @QueryValue("min_attempt") Integer minAttempt) {
        return query(() -> {
            List<TaskView> tasks = graph.tasks(release).stream()
                    .filter(t -> state == null || t.state().equals(state.toLowerCase(Locale.ROOT)))
                    .filter(t -> minAttempt == null || t.attempt() >= minAttempt).toList();
            return Map.of("release", release, "tasks", tasks);
        });
    }

    private static HttpResponse<String> query(java.util.function.Supplier<Object> body) {
        try {
            Object value = body.get();
            if (value == null) {
                return HttpResponse.<String>notFound().body("{\"error\":\"unknown release\"}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE);
            }
            return HttpResponse.ok(EventCodec.json(value)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (InvalidStateStoreException e) {
            // The stores move during a rebalance or are still restoring: tell the client to retry.
            return HttpResponse.<String>status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE)
                    .body("{\"error\":\"graph stores are not ready, retry shortly\"}")
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
