package dev.relpromo.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import java.util.ArrayList;

/**
 * A new schema version must accept every example of every older version (backward compatibility, transitive),
 * and every version up to the current one must exist.
 */
class SchemaCompatibilityTest {
    private final EventValidator validator = new EventValidator();

    @TestFactory
    List<DynamicTest> everyVersionAcceptsAllOlderExamples() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType type : EventType.values()) {
            for (int v = 1; v <= type.version(); v++) {
                int version = v;
                for (GoldenExamples.Example example : GoldenExamples.of(type)) {
                    if (example.version() <= version) {
                        tests.add(DynamicTest.dynamicTest(type.schemaName() + " v" + version + " accepts " + example,
                                () -> assertThat(validator.errors(type, version, example.json())).isEmpty()));
                    }
                }
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyTypeHasExamplesForItsCurrentVersion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventType type : EventType.values()) {
            tests.add(DynamicTest.dynamicTest(type.ceType(), () -> assertThat(GoldenExamples.of(type))
                    .anyMatch(e -> e.version() == type.version())));
        }
        return tests;
    }
}
