package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each service module's application-<service>.yml gives defaults; system properties and the environment override. */
class ServiceConfigurationTest {
    @Test
    void readsEveryServiceModulesDefaultsAndLetsSystemPropertiesOverrideThem() {
        try (ServiceConfiguration config = ServiceConfiguration.load(List.of("graph", "planner", "repack", "signing", "beetmover"))) {
            assertThat(config.property("relpromo.graph.start-timeout-seconds")).hasValue("120");
            assertThat(config.property("relpromo.planner.auto-promote")).hasValue("true");
            if (System.getenv("RELPROMO_CONCURRENCY") == null) {
                assertThat(config.property("relpromo.repack.concurrency")).hasValue("1");
            }
        }
        System.setProperty("relpromo.repack.concurrency", "4");
        try (ServiceConfiguration config = ServiceConfiguration.load(List.of("repack"))) {
            assertThat(config.property("relpromo.repack.concurrency")).hasValue("4");
            assertThat(config.property("relpromo.planner.auto-promote")).as("only the loaded services' files").isEmpty();
        } finally {
            System.clearProperty("relpromo.repack.concurrency");
        }
    }
}
