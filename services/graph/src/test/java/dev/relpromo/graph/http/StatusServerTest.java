package dev.relpromo.graph.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.events.Phase;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.graph.GraphQueries;
import dev.relpromo.graph.TaskView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusServerTest {
    static final String R = "Firefox-130.0-build1";

    final GraphQueries fake = new GraphQueries() {
        @Override
        public List<String> releases() {
            return List.of(R);
        }

        @Override
        public List<PhaseStatus> phases(String release) {
            return release.equals(R) ? List.of(new PhaseStatus(R, Phase.PROMOTE, true, 2, "sha256:x",
                    new PhaseStatus.Counts(0, 1, 0, 1), Map.of("k", new PhaseStatus.Counts(0, 1, 0, 1)),
                    List.of(new PhaseStatus.FailedTask(R + "/a", "a", "k", 1, "boom", "t/0@1")), false)) : List.of();
        }

        @Override
        public List<TaskView> tasks(String release) {
            return List.of(new TaskView(R + "/a", "a", "k", Phase.PROMOTE, "repack", null, List.of(), "failed", 1, "boom", "t/0@1"),
                    new TaskView(R + "/b", "b", "k", Phase.PROMOTE, "repack", null, List.of(), "running", 2, null, null));
        }
    };

    String get(URI base, String path, int expectedStatus) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(expectedStatus);
        return r.body();
    }

    @Test
    void servesReleasesPhasesAndTasksAsSnakeCaseJson() throws Exception {
        try (StatusServer server = new StatusServer(fake, "127.0.0.1", -1)) {
            URI base = server.uri();
            assertThat(get(base, "/api/releases", 200)).contains(R);
            assertThat(get(base, "/api/releases/" + R, 200)).contains("\"task_count\":2", "\"error\":\"boom\"");
            assertThat(get(base, "/api/releases/" + R + "/tasks?state=failed", 200)).contains("\"label\":\"a\"")
                    .doesNotContain("\"label\":\"b\"");
            assertThat(get(base, "/api/releases/" + R + "/tasks?min_attempt=2", 200)).contains("\"label\":\"b\"")
                    .doesNotContain("\"label\":\"a\"");
            assertThat(get(base, "/api/releases/Firefox-1.0-build1", 404)).contains("unknown release");
        }
    }
}
