package dev.relpromo.kit.app;

import dev.relpromo.kit.health.HealthIndicator;
import java.util.Optional;
import java.util.Set;

/** A started service: its health, the task kinds it completes, and a way to stop it. */
public interface RunningService extends HealthIndicator, AutoCloseable {

    /** The task kinds this service completes (for progress reports: what this process can run). */
    default Set<String> kinds() {
        return Set.of();
    }

    /**
     * A facet of the service other parts of the process use (the graph's status queries for the HTTP API), or
     * empty.
     */
    default <T> Optional<T> facet(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    void close();
}
