package dev.relpromo.embedded;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests the shared Kafka chosen by {@link KafkaBootstrap} (the
 * {@code KAFKA_BOOTSTRAP_SERVERS} environment variable, else a Testcontainers broker when Docker is available,
 * else an in-process broker on 127.0.0.1).
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class PlannerIT {
 *     private final String servers;
 *
 *     PlannerIT(@BootstrapServers String servers) {      // constructor injection
 *         this.servers = servers;
 *     }
 *
 *     @Test
 *     void plans(@BootstrapServers String servers) {      // or method injection
 *         ...
 *     }
 * }
 * }</pre>
 *
 * Code that is not a parameter (a static factory, a {@code @BeforeAll} helper, Micronaut properties) can call
 * {@link #bootstrapServers()}. Kafka is started before the first test class that uses the extension, once per JVM,
 * so its start-up time is not charged to any single test. Use unique topic names and group ids per test: the
 * broker is shared.
 *
 * <p>Set {@code -Drelpromo.kafka.embedded=true} to use the in-process broker even when Docker is available.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    /** Bootstrap servers of the shared Kafka, starting it if needed. */
    public static String bootstrapServers() {
        return KafkaBootstrap.bootstrapServers();
    }

    /** {@code "env"}, {@code "testcontainers"} or {@code "embedded"}. */
    public static String mode() {
        return KafkaBootstrap.mode();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        KafkaBootstrap.bootstrapServers();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.isAnnotated(BootstrapServers.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() != String.class) {
            throw new ParameterResolutionException("@BootstrapServers needs a String parameter, not "
                    + parameterContext.getParameter());
        }
        return KafkaBootstrap.bootstrapServers();
    }
}
