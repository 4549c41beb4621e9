package dev.relpromo.planner.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.relpromo.events.Platform;
import dev.relpromo.planner.config.ConfigError;
import dev.relpromo.planner.config.PartnerConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributionConfigParserTest {
    private static final Path FILE = Path.of("repack-manifests/attribution_config.yml");
    private final List<ConfigError> errors = new ArrayList<>();

    static final String TWO_ENTRIES = """
            defaults:
              medium: distribution
              source: mozilla
            configs:
              - campaign: softonic
                content: softonic-003
                locales: [en-US, de, es-AR]
                platforms: [win64-shippable, win32-shippable]
                upload_to_candidates: true
              - campaign: acme
                content: acme-spring
                locales:
                  - fr
                platforms:
                  - win64-aarch64-shippable
                  - macosx64-shippable
                variation: spring sale
                experiment: exp-1
            """;

    private Optional<AttributionConfig> parse(String yaml) {
        return AttributionConfigParser.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), errors);
    }

    private List<String> errorsOf(String yaml) {
        assertThat(parse(yaml)).isEmpty();
        return errors.stream().map(ConfigError::toString).toList();
    }

    /** A valid config around one entry's lines (entry keys indented by four spaces, starting on line 5). */
    private static String withEntry(String entry) {
        return "defaults: {medium: distribution, source: mozilla}\n"
                + "configs:\n"
                + "  - campaign: softonic\n"
                + "    content: softonic-003\n"
                + entry;
    }

    @Test
    void readsARealisticFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(AttributionConfigParser.FILE_NAME);
        Files.writeString(file, TWO_ENTRIES);

        AttributionConfig config = AttributionConfigParser.parse(file);

        assertThat(config.file()).isEqualTo(file);
        assertThat(config.defaults()).isEqualTo(new AttributionConfig.Defaults("distribution", "mozilla"));
        assertThat(config.entries()).containsExactly(
                new AttributionEntry("softonic", "softonic-003", List.of("de", "en-US", "es-AR"),
                        Set.of(Platform.WIN32, Platform.WIN64), null, null, "configs[0]", 5),
                new AttributionEntry("acme", "acme-spring", List.of("fr"),
                        Set.of(Platform.WIN64_AARCH64, Platform.MACOSX64), "spring sale", "exp-1", "configs[1]", 10));
    }

    @Test
    void anEmptyConfigsListIsAValidConfigWithNothingToAttribute() {
        assertThat(parse("defaults: {medium: distribution, source: mozilla}\nconfigs: []\n").orElseThrow().entries())
                .isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsAnError(@TempDir Path dir) {
        Path missing = dir.resolve("attribution_config.yml");
        assertThatThrownBy(() -> AttributionConfigParser.parse(missing))
                .isInstanceOfSatisfying(PartnerConfigException.class, e -> assertThat(e.errors())
                        .singleElement().satisfies(err -> {
                            assertThat(err.file()).isEqualTo(missing);
                            assertThat(err.message()).startsWith("cannot read: ");
                        }));
    }

    @Test
    void emptyFile() {
        assertThat(errorsOf("")).containsExactly(FILE + ": empty file (expected 'defaults' and 'configs')");
        errors.clear();
        assertThat(errorsOf("# nothing yet\n")).containsExactly(FILE + ": empty file (expected 'defaults' and 'configs')");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThat(errorsOf("defaults: {medium: distribution\nconfigs: []\n"))
                .containsExactly(FILE + ":2: invalid YAML: expected ',' or '}', but got :");
    }

    @Test
    void notUtf8() {
        assertThat(AttributionConfigParser.parse(FILE, new byte[] {(byte) 0xff, 'a'}, errors)).isEmpty();
        assertThat(errors).containsExactly(new ConfigError(FILE, 0, "not valid UTF-8"));
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(errorsOf("- defaults\n")).containsExactly(
                FILE + ":1: must be a mapping with 'defaults' and 'configs', not a list");
    }

    @Test
    void unknownKeysAtEveryLevel() {
        assertThat(errorsOf("""
                defaults: {medium: distribution, source: mozilla, term: x}
                configs:
                  - campaign: softonic
                    content: softonic-003
                    locales: [de]
                    platforms: [win64-shippable]
                    dist_id: softonic
                partners: []
                """)).containsExactly(
                FILE + ":1: defaults.term: unknown key (expected medium, source)",
                FILE + ":7: configs[0].dist_id: unknown key (expected campaign, content, locales, platforms,"
                        + " variation, experiment, upload_to_candidates)",
                FILE + ":8: partners: unknown key (expected defaults, configs)");
    }

    @Test
    void missingRequiredFields() {
        assertThat(errorsOf("""
                defaults: {medium: distribution}
                configs:
                  - variation: x
                """)).containsExactly(
                FILE + ":1: defaults: missing 'source'",
                FILE + ":3: configs[0]: missing 'campaign'",
                FILE + ":3: configs[0]: missing 'content'",
                FILE + ":3: configs[0]: missing 'locales'",
                FILE + ":3: configs[0]: missing 'platforms'");
        errors.clear();
        assertThat(errorsOf("configs: []\n")).containsExactly(FILE + ":1: missing 'defaults'");
    }

    @Test
    void aStringWhereAListIsExpected() {
        assertThat(errorsOf(withEntry("""
                    locales: en-US de
                    platforms: win64-shippable
                """))).containsExactly(
                FILE + ":5: configs[0].locales: must be a list, not the string 'en-US de'",
                FILE + ":6: configs[0].platforms: must be a list, not the string 'win64-shippable'");
        errors.clear();
        assertThat(errorsOf("defaults: {medium: distribution, source: mozilla}\nconfigs: {campaign: x}\n"))
                .containsExactly(FILE + ":2: configs: must be a list, not a mapping");
    }

    @Test
    void aNumberOrBooleanWhereAStringIsExpected() {
        assertThat(errorsOf("""
                defaults: {medium: distribution, source: 7}
                configs:
                  - campaign: softonic
                    content: 003
                    locales: [de, yes]
                    platforms: [win64-shippable]
                    variation:
                """)).containsExactly(
                FILE + ":1: defaults.source: must be a string, not the number 7 (quote it to make it a string)",
                FILE + ":4: configs[0].content: must be a string, not the number 003 (quote it to make it a string)",
                FILE + ":5: configs[0].locales[1]: must be a string, not the boolean yes",
                FILE + ":7: configs[0].variation: must be a string, not null");
    }

    @Test
    void unknownAndUnattributablePlatforms() {
        assertThat(errorsOf(withEntry("""
                    locales: [de]
                    platforms: [win64, win128-shippable, linux64-shippable, win32-shippable, win32-shippable]
                """))).containsExactly(
                FILE + ":6: configs[0].platforms[0]: unknown platform 'win64' (did you mean 'win64-shippable'?)",
                FILE + ":6: configs[0].platforms[1]: unknown platform 'win128-shippable' (expected one of"
                        + " macosx64-shippable, win32-shippable, win64-shippable, win64-aarch64-shippable)",
                FILE + ":6: configs[0].platforms[2]: 'linux64-shippable' cannot be attributed: Linux builds have no"
                        + " installer",
                FILE + ":6: configs[0].platforms[4]: platform 'win32-shippable' is listed twice");
    }

    @Test
    void localesThatAreNotLocales() {
        assertThat(errorsOf(withEntry("""
                    locales:
                      - de
                      - EN_us
                      - ../x
                      - de
                    platforms: [win64-shippable]
                """))).containsExactly(
                FILE + ":7: configs[0].locales[1]: 'EN_us' is not a locale (such as de, en-US or ja-JP-mac)",
                FILE + ":8: configs[0].locales[2]: '../x' is not a locale (such as de, en-US or ja-JP-mac)",
                FILE + ":9: configs[0].locales[3]: locale 'de' is listed twice");
    }

    @Test
    void emptyListsAndStrings() {
        assertThat(errorsOf(withEntry("""
                    locales: []
                    platforms: []
                    experiment: ''
                """))).containsExactly(
                FILE + ":5: configs[0].locales: is empty",
                FILE + ":6: configs[0].platforms: is empty",
                FILE + ":7: configs[0].experiment: must not be empty");
    }

    @Test
    void campaignAndContentMustBeSafePathComponents() {
        assertThat(errorsOf("""
                defaults: {medium: distribution, source: mozilla}
                configs:
                  - campaign: ..
                    content: a/b
                    locales: [de]
                    platforms: [win64-shippable]
                  - campaign: soft onic
                    content: .hidden
                    locales: [de]
                    platforms: [win64-shippable]
                """)).containsExactly(
                FILE + ":3: configs[0].campaign: '..' is not a safe path component (up to 128 letters, digits, '.',"
                        + " '_' or '-', starting with a letter or digit)",
                FILE + ":4: configs[0].content: 'a/b' is not a safe path component (up to 128 letters, digits, '.',"
                        + " '_' or '-', starting with a letter or digit)",
                FILE + ":7: configs[1].campaign: 'soft onic' is not a safe path component (up to 128 letters, digits,"
                        + " '.', '_' or '-', starting with a letter or digit)",
                FILE + ":8: configs[1].content: '.hidden' is not a safe path component (up to 128 letters, digits,"
                        + " '.', '_' or '-', starting with a letter or digit)");
    }

    @Test
    void duplicateCampaignAndContent() {
        assertThat(errorsOf("""
                defaults: {medium: distribution, source: mozilla}
                configs:
                  - {campaign: softonic, content: softonic-003, locales: [de], platforms: [win64-shippable]}
                  - {campaign: softonic, content: softonic-004, locales: [de], platforms: [win64-shippable]}
                  - {campaign: softonic, content: softonic-003, locales: [fr], platforms: [win32-shippable]}
                """)).containsExactly(
                FILE + ":5: configs[2]: campaign 'softonic' and content 'softonic-003' are already used by configs[0]");
    }

    @Test
    void duplicateKeysInOneMapping() {
        assertThat(errorsOf(withEntry("""
                    locales: [de]
                    platforms: [win64-shippable]
                    locales: [fr]
                """))).containsExactly(FILE + ":7: configs[0].locales: duplicate key (first on line 5)");
    }

    @Test
    void uploadToCandidatesMayOnlyBeTrue() {
        assertThat(errorsOf(withEntry("""
                    locales: [de]
                    platforms: [win64-shippable]
                    upload_to_candidates: false
                """))).containsExactly(FILE + ":7: configs[0].upload_to_candidates: false is not supported:"
                + " attributed builds are always published to candidates");
        errors.clear();
        assertThat(errorsOf(withEntry("""
                    locales: [de]
                    platforms: [win64-shippable]
                    upload_to_candidates: 'true'
                """))).containsExactly(FILE + ":7: configs[0].upload_to_candidates: must be true or false, not the"
                + " string 'true'");
    }

    @Test
    void anEntryWhoseCodeWouldBeTooLong() {
        assertThat(errorsOf(withEntry("""
                    locales: [de]
                    platforms: [win64-shippable]
                    variation: %s
                """.formatted("v".repeat(1000))))).containsExactly(
                FILE + ":3: configs[0]: attribution code is 1084 characters long, more than 1010");
    }

    @Test
    void yamlTagsCannotInstantiateTypes() {
        // SnakeYAML 2 refuses global tags while composing; a local tag gets through to the reader, which refuses it
        assertThat(errorsOf("""
                defaults: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                configs: []
                """)).containsExactly(FILE + ":1: invalid YAML: Global tag is not allowed:"
                + " tag:yaml.org,2002:javax.script.ScriptEngineManager");
        errors.clear();
        assertThat(errorsOf(withEntry("""
                    locales: [!os.system de]
                    platforms: [win64-shippable]
                """))).containsExactly(FILE + ":5: configs[0].locales[0]: must be a string, not a value tagged"
                + " !os.system");
    }

    @Test
    void errorsAreReportedInLineOrder() {
        List<String> found = errorsOf("""
                defaults: {medium: distribution, source: mozilla}
                configs:
                  - campaign: a
                    locales: [x_y]
                    platforms: [win64-shippable]
                """);
        assertThat(found).containsExactly(
                FILE + ":3: configs[0]: missing 'content'",
                FILE + ":4: configs[0].locales[0]: 'x_y' is not a locale (such as de, en-US or ja-JP-mac)");
    }
}
