package dev.relpromo.launcher;

import io.micronaut.context.ApplicationContext;
import java.util.Collection;
import java.util.Optional;

/**
 * The services' configuration, the Micronaut way: every service module's {@code application-<service>.yml} (its
 * defaults, keyed {@code relpromo.<service>.<key>}), with environment variables and system properties overriding
 * them. Open while the services start and read their settings.
 */
final class ServiceConfiguration implements AutoCloseable {
    private final ApplicationContext context;

    private ServiceConfiguration(ApplicationContext context) {
        this.context = context;
    }

    /** Loads the configuration of these services (each one's file is an environment of that name). */
    static ServiceConfiguration load(Collection<String> services) {
        ApplicationContext context = ApplicationContext.builder()
                .environments(services.toArray(String[]::new))
                .deduceEnvironment(false)
                .banner(false)
                .build();
        context.getEnvironment().start();
        return new ServiceConfiguration(context);
    }

    Optional<String> property(String key) {
        return context.getEnvironment().getProperty(key, String.class);
    }

    @Override
    public void close() {
        context.getEnvironment().stop();
    }
}
