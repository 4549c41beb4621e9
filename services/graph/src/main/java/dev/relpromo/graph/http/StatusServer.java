package dev.relpromo.graph.http;

import dev.relpromo.graph.GraphQueries;
import dev.relpromo.kit.health.HealthIndicator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP edge of a relpromo process (Micronaut): the status API over the graph when the process runs one,
 * {@code /health} ({@code /liveness}, {@code /readiness}) over the process's components, and {@code /prometheus}
 * with the meters the process binds (worker and Kafka client metrics).
 */
public final class StatusServer implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer server;

    public StatusServer(GraphQueries graph, String host, int port) {
        this(graph, () -> List.of(), List.of(), host, port);
    }

    /**
     * @param graph  the graph's queries, or null for a process without the graph (no {@code /api})
     * @param meters binders of the process's own metrics, served at {@code /prometheus}
     */
    public StatusServer(GraphQueries graph, HealthIndicator health, List<MeterBinder> meters, String host, int port) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", host);
        properties.put("micronaut.server.port", port);
        // The rest (endpoints, metrics) is in this module's application.yml.
        List<Object> singletons = new ArrayList<>(meters);
        singletons.add(health);
        if (graph != null) {
            singletons.add(graph);
        }
        this.context = ApplicationContext.builder()
                .properties(properties)
                .singletons(singletons.toArray())
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
