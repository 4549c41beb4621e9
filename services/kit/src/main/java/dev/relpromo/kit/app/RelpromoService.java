package dev.relpromo.kit.app;

/**
 * One relpromo service (graph, planner, repack, signing, beetmover, ...), found with {@link java.util.ServiceLoader}
 * from {@code META-INF/services/dev.relpromo.kit.app.RelpromoService} in its own module. The all-in-one launcher
 * ({@code demo}, {@code run}, {@code up}) starts every service it finds; {@code relpromo service NAME} starts one.
 * Adding a service therefore touches no file outside its module but the parent pom's module list and the
 * launcher's dependency list.
 */
public interface RelpromoService {

    /** The service's name: {@code relpromo service NAME}, its settings' prefix and its component names. */
    String name();

    /**
     * Lower starts first. The graph starts before the planner and the workers so that their first outputs are
     * consumed at once; nothing depends on the order for correctness.
     */
    default int startOrder() {
        return 100;
    }

    /** Starts the service's Kafka clients and threads; returns once it is running (or throws, having cleaned up). */
    RunningService start(ServiceContext context) throws Exception;
}
