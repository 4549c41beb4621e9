package dev.relpromo.balrog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.relpromo.balrog.Blobs;
import dev.relpromo.balrog.server.BalrogServer;
import dev.relpromo.balrog.server.User;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BalrogClientTest {
    @TempDir
    Path dataDir;
    private final List<Long> sleeps = new ArrayList<>();

    /** A real HTTP server answering {@code failures} times with {@code failStatus}, then 200. */
    private static HttpServer flaky(int failures, int failStatus, AtomicInteger requests, List<String> authorizations)
            throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                boolean fail = requests.incrementAndGet() <= failures;
                byte[] body = (fail ? "{\"exception\":\"busy\"}" : "{\"rule_id\":7}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(fail ? failStatus : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private BalrogClient client(URI uri, int attempts) {
        AtomicInteger refreshes = new AtomicInteger();
        return new BalrogClient(uri, () -> Optional.of("token-" + refreshes.incrementAndGet()),
                new RetryPolicy(attempts, 100, 250), sleeps::add);
    }

    @Test
    void retries5xxWithBackoffAndAsksForTheTokenEachTime() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        List<String> authorizations = new ArrayList<>();
        HttpServer server = flaky(3, 503, requests, authorizations);
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            long id = client(uri, 5).createRule(Blobs.JSON.createObjectNode().put("priority", 1));
            assertThat(id).isEqualTo(7);
            assertThat(requests).hasValue(4);
            assertThat(sleeps).containsExactly(100L, 200L, 250L);
            assertThat(authorizations).containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-3", "Bearer token-4");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void doesNotRetry4xx() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = flaky(10, 400, requests, new ArrayList<>());
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            assertThatThrownBy(() -> client(uri, 5).createRule(Blobs.JSON.createObjectNode()))
                    .isInstanceOf(BalrogClientException.class).hasMessageContaining("400");
            assertThat(requests).hasValue(1);
            assertThat(sleeps).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void givesUpOnConnectionErrorsAfterTheLastAttempt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        URI uri = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> client(uri, 3).rules())
                .isInstanceOf(BalrogClientException.class).hasMessageContaining("after 3 attempts")
                .satisfies(e -> assertThat(((BalrogClientException) e).status()).isEqualTo(-1));
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void conflictIsResolvedByReReadingAndMergingAgain() throws Exception {
        Map<String, User> tokens = Map.of("t1", new User("a", Set.of()), "t2", new User("b", Set.of()));
        try (BalrogServer server = BalrogServer.start(dataDir, tokens, System::currentTimeMillis, () -> 0, "127.0.0.1", 0)) {
            BalrogClient mine = BalrogClient.withToken(server.uri(), "t1", new RetryPolicy(1, 0, 0));
            BalrogClient theirs = BalrogClient.withToken(server.uri(), "t2", new RetryPolicy(1, 0, 0));
            mine.putRelease("Firefox-130.0-build1", "Firefox", Blobs.release("130.0", "20240901000000", null), null);
            AtomicInteger applications = new AtomicInteger();

            ObjectNode versions = mine.updateRelease("Firefox-130.0-build1", "Firefox", blob -> {
                if (applications.incrementAndGet() == 1) {
                    // Another locale task writes between our read and our write.
                    ObjectNode fr = Blobs.JSON.createObjectNode();
                    fr.putObject("platforms").putObject(Blobs.WIN64).putObject("locales").putObject("fr").put("buildID", "1");
                    theirs.mergeRelease("Firefox-130.0-build1", "Firefox", fr);
                }
                BalrogClient.deepMerge(blob, Blobs.JSON.createObjectNode().put("displayVersion", "130.0 (merged)"));
                return blob;
            });

            assertThat(applications).hasValue(2);
            assertThat(versions.get(".").asInt()).isEqualTo(2);
            assertThat(versions.at("/platforms/" + Blobs.WIN64 + "/locales/fr").asInt()).isEqualTo(1);
            ObjectNode blob = mine.release("Firefox-130.0-build1").orElseThrow().blob();
            assertThat(blob.get("displayVersion").asText()).isEqualTo("130.0 (merged)");
            assertThat(blob.at("/platforms/" + Blobs.WIN64 + "/locales/fr/buildID").asText()).isEqualTo("1");
        }
    }

    @Test
    void scheduledChangesThroughTheClient() throws Exception {
        Map<String, User> tokens = Map.of("t", new User("releng-bot", Set.of("releng")));
        try (BalrogServer server = BalrogServer.start(dataDir, tokens, () -> 1_000L, () -> 0, "127.0.0.1", 0)) {
            BalrogClient client = BalrogClient.withToken(server.uri(), "t", new RetryPolicy(1, 0, 0));
            long ruleId = client.createRule(Blobs.JSON.createObjectNode().put("priority", 100).put("backgroundRate", 100)
                    .put("product", "Firefox").put("channel", "beta").put("mapping", "Firefox-130.0b2-build1"));
            ObjectNode change = client.scheduleRuleChange(Blobs.JSON.createObjectNode().put("change_type", "update")
                    .put("when", 2_000L).put("rule_id", ruleId).put("data_version", 1)
                    .put("mapping", "Firefox-130.0b3-build1").put("backgroundRate", 100));
            long scId = change.get("sc_id").asLong();
            assertThat(client.scheduledRuleChanges()).extracting(c -> c.get("mapping").asText()).containsExactly("Firefox-130.0b3-build1");
            assertThat(client.signOff(scId, "releng").get("signoffs").get("releng-bot").asText()).isEqualTo("releng");
            client.revokeSignoff(scId, "releng-bot");
            assertThat(client.scheduledRuleChanges().get(0).get("signoffs").size()).isZero();
        }
    }
}
