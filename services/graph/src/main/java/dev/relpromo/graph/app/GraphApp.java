package dev.relpromo.graph.app;

import dev.relpromo.graph.GraphQueries;
import dev.relpromo.graph.GraphService;
import dev.relpromo.kit.app.RelpromoService;
import dev.relpromo.kit.app.RunningService;
import dev.relpromo.kit.app.ServiceContext;
import dev.relpromo.kit.health.Health;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The graph as a relpromo service: the Streams topology, running before anything else starts. */
public final class GraphApp implements RelpromoService {
    @Override
    public String name() {
        return "graph";
    }

    @Override
    public int startOrder() {
        return 10;
    }

    @Override
    public RunningService start(ServiceContext context) throws Exception {
        GraphService graph = new GraphService(context.kafka(), context.stateDir().resolve("graph-state"));
        Duration timeout = Duration.ofSeconds(context.settings().integer("start-timeout-seconds", 120, 1));
        try {
            graph.start();
            if (!graph.awaitRunning(timeout)) {
                throw new IllegalStateException("the graph did not reach RUNNING within " + timeout.toSeconds()
                        + " s (state " + graph.state() + ")");
            }
        } catch (Exception | Error e) {
            graph.close();
            throw e;
        }
        return new Running(graph);
    }

    private record Running(GraphService graph) implements RunningService {
        @Override
        public List<Health> health() {
            GraphService.Health g = graph.health();
            Health.Status status = switch (g.status()) {
                case RUNNING, REBALANCING -> Health.Status.UP;
                case RECOVERING -> Health.Status.RECOVERING;
                case DOWN -> Health.Status.DOWN;
            };
            return List.of(new Health("graph", status, "streams " + graph.state()
                    + (g.lastError() == null ? "" : ", last error: " + g.lastError())));
        }

        @Override
        public <T> Optional<T> facet(Class<T> type) {
            return type == GraphQueries.class || type == GraphService.class ? Optional.of(type.cast(graph))
                    : Optional.empty();
        }

        @Override
        public void close() {
            graph.close();
        }
    }
}
