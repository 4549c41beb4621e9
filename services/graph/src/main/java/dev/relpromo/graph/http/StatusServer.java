package dev.relpromo.graph.http;

import dev.relpromo.graph.GraphQueries;
import dev.relpromo.kit.health.HealthIndicator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;

/** Starts the Micronaut HTTP server with the status API over a graph and {@code /health} over the process's components. */
public final class StatusServer implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer server;

    public StatusServer(GraphQueries graph, String host, int port) {
        this(graph, () -> java.util.List.of(), host, port);
    }

    public StatusServer(GraphQueries graph, HealthIndicator health, String host, int port) {
        this.context = ApplicationContext.builder()
                .properties(Map.of("micronaut.server.host", host, "micronaut.server.port", port,
                        "micronaut.application.name", "relpromo"))
                .singletons(graph, health)
                .deduceEnvironment(false)
                .banner(false)
                .start();
        this.server = context.getBean(EmbeddedServer.class).start();
    }

    public URI uri() {
        return server.getURI();
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }
}
