package dev.relpromo.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} test constructor or method parameter that {@link KafkaExtension} fills with the
 * bootstrap servers of the shared Kafka ({@link KafkaBootstrap}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface BootstrapServers {
}
