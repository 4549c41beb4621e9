package dev.relpromo.graph.http;

import dev.relpromo.kit.health.Health;
import dev.relpromo.kit.health.HealthIndicator;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * The process's components (graph, planner, every worker slot) as Micronaut health indicators, so {@code /health},
 * {@code /health/liveness} and {@code /health/readiness} answer from them: a DOWN component makes the process
 * unhealthy (503; an orchestrator restarts it); a RECOVERING one (replacing its clients, retrying) shows as
 * {@code RECOVERING} but keeps the answer 200, since the process is working its way back on its own.
 */
final class ComponentsHealth {
    private ComponentsHealth() {
    }

    static final HealthStatus RECOVERING = new HealthStatus("RECOVERING", "replacing clients or retrying", true, null);

    static HealthResult result(String name, List<Health> components, Predicate<Health> failing) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (Health h : components) {
            details.put(h.component(), Map.of("status", h.status().name(), "detail", h.detail()));
        }
        HealthStatus status = components.stream().anyMatch(failing) ? HealthStatus.DOWN
                : components.stream().anyMatch(h -> h.status() == Health.Status.RECOVERING) ? RECOVERING
                : HealthStatus.UP;
        return HealthResult.builder(name, status).details(details).build();
    }

    /** Both indicators answer alike: services take no HTTP traffic that a not-ready state would hold back. */
    abstract static class Indicator implements io.micronaut.management.health.indicator.HealthIndicator {
        private final String name;
        private final HealthIndicator components;

        Indicator(String name, HealthIndicator components) {
            this.name = name;
            this.components = components;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            return Publishers.just(result(name, components.health(), Health::isDown));
        }
    }

    /** Alive unless a component is DOWN. */
    @Singleton
    @Liveness
    static final class Alive extends Indicator {
        Alive(HealthIndicator components) {
            super("relpromo", components);
        }
    }

    /** Ready on the same terms. */
    @Singleton
    @Readiness
    static final class Ready extends Indicator {
        Ready(HealthIndicator components) {
            super("relpromo-ready", components);
        }
    }
}
