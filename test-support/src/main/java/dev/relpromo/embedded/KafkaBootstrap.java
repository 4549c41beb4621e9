package dev.relpromo.embedded;

import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one place that decides which Kafka the tests of this JVM talk to. In order of precedence:
 * <ol>
 *   <li>{@code env}: the {@value #ENV_VAR} environment variable, used as-is (nothing is started or stopped);</li>
 *   <li>{@code embedded}, when the system property {@value #FORCE_EMBEDDED_PROPERTY}{@code =true} is set;</li>
 *   <li>{@code testcontainers}: a {@value #KAFKA_IMAGE} container, when Docker is available;</li>
 *   <li>{@code embedded}: an in-process {@link EmbeddedKafkaBroker} on 127.0.0.1.</li>
 * </ol>
 * The choice is made, and the Kafka started, once per JVM on first use; a JVM shutdown hook stops it.
 * Tests share it, so they should use their own topic names and group ids.
 */
public final class KafkaBootstrap {

    public static final String ENV_VAR = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String FORCE_EMBEDDED_PROPERTY = "relpromo.kafka.embedded";
    public static final String KAFKA_IMAGE = "apache/kafka-native:3.8.0";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBootstrap.class);

    /** Where Kafka comes from; {@link #id()} is what {@link KafkaBootstrap#mode()} returns. */
    enum Mode {
        ENV("env"), TESTCONTAINERS("testcontainers"), EMBEDDED("embedded");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }
    }

    private record Shared(Mode mode, String bootstrapServers) {
    }

    private static Shared shared;
    private static RuntimeException failure;

    private KafkaBootstrap() {
    }

    /** Bootstrap servers of the shared Kafka, starting it on first call. */
    public static String bootstrapServers() {
        return shared().bootstrapServers();
    }

    /** {@code "env"}, {@code "testcontainers"} or {@code "embedded"}; starts the shared Kafka on first call. */
    public static String mode() {
        return shared().mode().id();
    }

    private static synchronized Shared shared() {
        if (shared != null) {
            return shared;
        }
        if (failure != null) {
            // fail fast in every later test class instead of retrying a slow start that already failed
            throw new IllegalStateException("Shared Kafka failed to start earlier in this JVM", failure);
        }
        try {
            shared = start();
            return shared;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private static Shared start() {
        String env = System.getenv(ENV_VAR);
        Mode mode = chooseMode(env, Boolean.getBoolean(FORCE_EMBEDDED_PROPERTY), KafkaBootstrap::dockerAvailable);
        switch (mode) {
            case ENV:
                LOG.info("Using Kafka from {}: {}", ENV_VAR, env);
                return new Shared(mode, env);
            case TESTCONTAINERS:
                return new Shared(mode, startContainer());
            default:
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
                addShutdownHook(broker);
                return new Shared(mode, broker.bootstrapServers());
        }
    }

    /** The decision alone, separated from the environment so it can be tested. */
    static Mode chooseMode(String envBootstrapServers, boolean forceEmbedded, BooleanSupplier dockerAvailable) {
        if (envBootstrapServers != null && !envBootstrapServers.isBlank()) {
            return Mode.ENV;
        }
        if (forceEmbedded) {
            return Mode.EMBEDDED;
        }
        boolean docker;
        try {
            docker = dockerAvailable.getAsBoolean();
        } catch (Throwable t) {
            // any failure to even ask (missing classes, broken config) means no Docker
            docker = false;
        }
        return docker ? Mode.TESTCONTAINERS : Mode.EMBEDDED;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            LOG.debug("Docker probe failed", t);
            return false;
        }
    }

    @SuppressWarnings("resource") // closed by the shutdown hook
    private static String startContainer() {
        long t0 = System.nanoTime();
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                // match the embedded broker, so a test passes or fails the same way in both modes
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        addShutdownHook(container);
        LOG.info("Kafka container {} ready at {} in {} ms", KAFKA_IMAGE, container.getBootstrapServers(),
                (System.nanoTime() - t0) / 1_000_000);
        return container.getBootstrapServers();
    }

    private static void addShutdownHook(AutoCloseable resource) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                // the JVM is exiting; nothing else to do
            }
        }, "relpromo-kafka-shutdown"));
    }
}
