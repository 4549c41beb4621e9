package dev.relpromo.events.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenExamplesTest {
    private final EventValidator validator = new EventValidator();

    static Stream<GoldenExamples.Example> examples() {
        return GoldenExamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleValidatesAgainstItsSchema(GoldenExamples.Example example) {
        assertThat(validator.errors(example.type(), example.version(), example.json())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleOfTheCurrentVersionRoundTripsThroughItsRecord(GoldenExamples.Example example) throws Exception {
        if (example.version() != example.type().version()) {
            return;
        }
        Object record = EventCodec.mapper().treeToValue(example.json(), example.type().recordType());
        JsonNode back = EventCodec.mapper().valueToTree(record);
        assertThat(withoutNulls(back)).isEqualTo(withoutNulls(example.json()));
    }

    /** Explicit nulls in an example mean "absent"; the codec omits them. */
    private static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        try {
            // Re-read so that numbers compare by value (a long field reads back as an int node).
            return EventCodec.mapper().readTree(EventCodec.mapper().writeValueAsString(copy));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            var obj = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            var names = new java.util.ArrayList<String>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (obj.get(n).isNull()) {
                    obj.remove(n);
                } else {
                    strip(obj.get(n));
                }
            }
        } else if (node.isArray()) {
            node.forEach(GoldenExamplesTest::strip);
        }
    }
}
