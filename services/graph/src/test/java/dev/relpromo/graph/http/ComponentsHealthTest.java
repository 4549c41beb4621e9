package dev.relpromo.graph.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.PhaseStatus;
import dev.relpromo.graph.GraphQueries;
import dev.relpromo.graph.TaskView;
import dev.relpromo.kit.health.Health;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ComponentsHealthTest {
    static final GraphQueries NO_RELEASES = new GraphQueries() {
        @Override
        public List<String> releases() {
            return List.of();
        }

        @Override
        public List<PhaseStatus> phases(String release) {
            return List.of();
        }

        @Override
        public List<TaskView> tasks(String release) {
            return List.of();
        }
    };

    @Test
    void healthSaysDownWith503WhenAnyComponentIsDownListsEveryComponentAndServesPrometheus() throws Exception {
        AtomicReference<List<Health>> components = new AtomicReference<>(List.of(
                Health.up("planner", "consuming relpromo.builds"), Health.up("repack#0", "consuming relpromo.work.repack")));
        try (StatusServer server = new StatusServer(NO_RELEASES, components::get, List.of(), "127.0.0.1", -1)) {
            HttpResponse<String> up = get(server.uri(), "/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(up.body()).contains("\"status\":\"UP\"", "\"planner\"", "\"repack#0\"", "consuming relpromo.builds");
            assertThat(get(server.uri(), "/health/liveness").statusCode()).isEqualTo(200);
            assertThat(get(server.uri(), "/health/readiness").statusCode()).isEqualTo(200);

            components.set(List.of(Health.up("planner", "ok"),
                    new Health("repack#0", Health.Status.RECOVERING, "recovery 1 of 10 after fenced")));
            HttpResponse<String> recovering = get(server.uri(), "/health");
            assertThat(recovering.statusCode()).isEqualTo(200);
            assertThat(recovering.body()).contains("RECOVERING", "recovery 1 of 10");

            components.set(List.of(Health.up("planner", "ok"),
                    new Health("repack#0", Health.Status.DOWN, "stopped on java.lang.OutOfMemoryError")));
            HttpResponse<String> down = get(server.uri(), "/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"DOWN\"", "OutOfMemoryError");
            assertThat(get(server.uri(), "/health/liveness").statusCode()).isEqualTo(503);

            HttpResponse<String> metrics = get(server.uri(), "/prometheus");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void aProcessWithoutTheGraphServesNoStatusApi() throws Exception {
        try (StatusServer server = new StatusServer(null, List::of, List.of(), "127.0.0.1", -1)) {
            assertThat(get(server.uri(), "/api/releases").statusCode()).isEqualTo(404);
            assertThat(get(server.uri(), "/health").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
