package dev.relpromo.planner.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relpromo.planner.config.ConfigError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inline form (a promotion event's {@code release-partner-attribution}) goes through the file's checks. */
class AttributionInlineConfigTest {
    private static final String INLINE = "release_partner_config.release-partner-attribution: ";
    private final List<ConfigError> errors = new ArrayList<>();

    @Test
    void theRealParameterShapeGivesTheSameConfigAsTheFile() throws Exception {
        JsonNode json = new ObjectMapper().readTree("""
                {"defaults": {"medium": "distribution", "source": "mozilla"},
                 "configs": [
                   {"campaign": "softonic", "content": "softonic-003", "locales": ["en-US", "de", "es-AR"],
                    "platforms": ["win64-shippable", "win32-shippable"], "upload_to_candidates": true},
                   {"campaign": "acme", "content": "acme-spring", "locales": ["fr"],
                    "platforms": ["win64-aarch64-shippable", "macosx64-shippable"],
                    "variation": "spring sale", "experiment": "exp-1"}]}
                """);
        AttributionConfig inline = AttributionConfigParser.parseInline(AttributionConfigParser.INLINE_SOURCE, json,
                errors).orElseThrow();
        AttributionConfig file = AttributionConfigParser.parse(Path.of("attribution_config.yml"),
                AttributionConfigParserTest.TWO_ENTRIES.getBytes(StandardCharsets.UTF_8), errors).orElseThrow();

        assertThat(errors).isEmpty();
        assertThat(inline.defaults()).isEqualTo(file.defaults());
        assertThat(inline.entries()).extracting(AttributionEntry::id, AttributionEntry::locales,
                        AttributionEntry::platforms, AttributionEntry::variation, AttributionEntry::experiment)
                .isEqualTo(file.entries().stream().map(e -> tuple(e.id(), e.locales(),
                        e.platforms(), e.variation(), e.experiment())).toList());
        assertThat(inline.entries()).extracting(AttributionEntry::line).containsOnly(0);
    }

    @Test
    void errorsNameTheFieldWithoutALine() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("campaign", "soft/onic");
        entry.put("content", 3);
        entry.put("locales", "de fr");
        entry.put("platforms", List.of("linux-shippable", "mac"));
        entry.put("variation", null);
        entry.put("extra", true);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("defaults", Map.of("medium", "distribution"));
        config.put("configs", List.of(entry));

        assertThat(AttributionConfigParser.parseInline(config, errors)).isEmpty();
        assertThat(errors).extracting(ConfigError::line).containsOnly(0);
        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                INLINE + "defaults: missing 'source'",
                INLINE + "configs[0].extra: unknown key (expected campaign, content, locales, platforms, variation,"
                        + " experiment, upload_to_candidates)",
                INLINE + "configs[0].campaign: 'soft/onic' is not a safe path component (up to 128 letters, digits,"
                        + " '.', '_' or '-', starting with a letter or digit)",
                INLINE + "configs[0].content: must be a string, not the number 3 (quote it to make it a string)",
                INLINE + "configs[0].locales: must be a list, not the string 'de fr'",
                INLINE + "configs[0].platforms[0]: 'linux-shippable' cannot be attributed: Linux builds have no"
                        + " installer",
                INLINE + "configs[0].platforms[1]: unknown platform 'mac' (did you mean 'macosx64-shippable'?)",
                INLINE + "configs[0].variation: must be a string, not null");
    }

    @Test
    void duplicatesAreFoundInlineToo() {
        Map<String, Object> entry = Map.of("campaign", "a", "content", "b", "locales", List.of("de"),
                "platforms", List.of("win64-shippable"));
        Map<String, Object> config = Map.of("defaults", Map.of("medium", "m", "source", "s"),
                "configs", List.of(entry, entry));

        assertThat(AttributionConfigParser.parseInline(config, errors)).isEmpty();
        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                INLINE + "configs[1]: campaign 'a' and content 'b' are already used by configs[0]");
    }

    @Test
    void nullAndNonObjectValues() throws Exception {
        assertThat(AttributionConfigParser.parseInline(null, errors)).isEmpty();
        assertThat(AttributionConfigParser.parseInline(AttributionConfigParser.INLINE_SOURCE,
                new ObjectMapper().readTree("[1]"), errors)).isEmpty();
        assertThat(AttributionConfigParser.parseInline(Map.of(1, "x"), errors)).isEmpty();
        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                INLINE.strip() + " empty (expected 'defaults' and 'configs')",
                INLINE + "must be a mapping with 'defaults' and 'configs', not a list",
                INLINE + "keys must be strings, not the number 1 (quote it to make it a string)",
                INLINE + "missing 'defaults'",
                INLINE + "missing 'configs'");
    }
}
