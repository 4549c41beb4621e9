package dev.relpromo.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.relpromo.kit.app.RelpromoService;
import org.junit.jupiter.api.Test;

/** The all-in-one process finds its services on the classpath, not in a hand-written list. */
class ServiceDiscoveryTest {
    @Test
    void findsEveryServiceModuleGraphFirstThenThePlannerThenTheWorkers() {
        assertThat(Stack.services()).extracting(RelpromoService::name)
                .containsExactly("graph", "planner", "beetmover", "checksums", "repack", "repackage",
                        "signing");
    }
}
