package dev.relpromo.planner.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relpromo.planner.config.ConfigError;
import dev.relpromo.planner.config.PartnerConfigException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses {@code attribution_config.yml}, or the same structure given inline, into an {@link AttributionConfig}:
 * <pre>
 * defaults: {medium: distribution, source: mozilla}
 * configs:
 *   - campaign: softonic
 *     content: softonic-003
 *     locales: [de, en-US]
 *     platforms: [win32-shippable, win64-shippable]
 *     variation: optional
 *     experiment: optional
 * </pre>
 * The file is read as a node tree ({@link Yaml#compose}), never constructed into objects, so no YAML tag can
 * instantiate a type and every error can name its line. The inline form is converted into the same kind of tree and
 * goes through the same checks, so both forms accept and refuse exactly the same configurations.
 */
public final class AttributionConfigParser {
    private AttributionConfigParser() {
    }

    public static final String FILE_NAME = "attribution_config.yml";
    /** The key of the attribution part of the inline {@code release_partner_config} parameter. */
    public static final String INLINE_KEY = "release-partner-attribution";
    /** How errors in the inline form name their "file". */
    public static final Path INLINE_SOURCE = Path.of("release_partner_config." + INLINE_KEY);

    private static final ObjectMapper JSON = new ObjectMapper();
    // A partner config is a few kilobytes; the limits only stop a hostile or broken file from costing memory.
    private static final int MAX_CODE_POINTS = 1 << 20;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_NESTING = 10;

    /** Parses one file, throwing every error found in it. */
    public static AttributionConfig parse(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PartnerConfigException(List.of(new ConfigError(file, 0, "cannot read: " + e.getMessage())));
        }
        List<ConfigError> errors = new ArrayList<>();
        Optional<AttributionConfig> config = parse(file, content, errors);
        if (!errors.isEmpty()) {
            throw new PartnerConfigException(errors);
        }
        return config.orElseThrow();
    }

    /** Parses {@code content} (named {@code file} in messages); errors are added to {@code errors}. */
    public static Optional<AttributionConfig> parse(Path file, byte[] content, List<ConfigError> errors) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            errors.add(new ConfigError(file, 0, "not valid UTF-8"));
            return Optional.empty();
        }
        Node root;
        try {
            root = yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            errors.add(new ConfigError(file, line, "invalid YAML: " + e.getProblem()));
            return Optional.empty();
        } catch (YAMLException e) {
            errors.add(new ConfigError(file, 0, "invalid YAML: " + e.getMessage()));
            return Optional.empty();
        }
        return new AttributionConfigReader(file, errors).read(root);
    }

    /**
     * Parses the inline form: {@code value} as a JSON parser or a promotion event gives it — maps with string keys,
     * lists, strings, numbers, booleans and nulls. Errors have line 0 and name {@code source} as their file.
     */
    public static Optional<AttributionConfig> parseInline(Path source, Object value, List<ConfigError> errors) {
        if (value == null) {
            errors.add(new ConfigError(source, 0, "empty (expected 'defaults' and 'configs')"));
            return Optional.empty();
        }
        return new AttributionConfigReader(source, errors).read(toNode(value));
    }

    /** {@link #parseInline(Path, Object, List)} named {@link #INLINE_SOURCE}. */
    public static Optional<AttributionConfig> parseInline(Object value, List<ConfigError> errors) {
        return parseInline(INLINE_SOURCE, value, errors);
    }

    /** {@link #parseInline(Path, Object, List)} for a Jackson tree, as {@code PromotionRequested} carries it. */
    public static Optional<AttributionConfig> parseInline(Path source, JsonNode value, List<ConfigError> errors) {
        return parseInline(source, value == null || value.isNull() || value.isMissingNode() ? null
                : JSON.convertValue(value, Object.class), errors);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        // compose() builds nodes only; SafeConstructor is there so that a later load() could not construct types either
        return new Yaml(new SafeConstructor(options)); // its LoaderOptions govern compose() too
    }

    /** The node tree a YAML file with the same content would compose to, without marks. */
    private static Node toNode(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<NodeTuple> tuples = new ArrayList<>();
            map.forEach((k, v) -> tuples.add(new NodeTuple(toNode(k), toNode(v))));
            return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.AUTO);
        }
        if (value instanceof List<?> list) {
            return new SequenceNode(Tag.SEQ, list.stream().map(AttributionConfigParser::toNode).toList(),
                    DumperOptions.FlowStyle.AUTO);
        }
        Tag tag;
        if (value == null) {
            tag = Tag.NULL;
        } else if (value instanceof String) {
            tag = Tag.STR;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            tag = Tag.INT;
        } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            tag = Tag.FLOAT;
        } else if (value instanceof Boolean) {
            tag = Tag.BOOL;
        } else {
            // never reaches the config: the reader refuses any tag but the ones above
            tag = new Tag("tag:relpromo.dev,2024:" + value.getClass().getSimpleName());
        }
        return new ScalarNode(tag, String.valueOf(value), null, null, DumperOptions.ScalarStyle.PLAIN);
    }
}
