package dev.relpromo.planner.attribution;

import dev.relpromo.events.Platform;
import dev.relpromo.planner.config.ConfigError;
import dev.relpromo.planner.config.Names;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Validates an attribution config given as a SnakeYAML node tree. Both forms come here: the YAML file (nodes carry
 * marks, so errors get lines) and the inline form (a converted map, no marks, line 0). Every error names the field by
 * its path ({@code configs[1].platforms[0]}); reading goes on after an error to find the others.
 */
final class AttributionConfigReader {
    private static final List<String> TOP_KEYS = List.of("defaults", "configs");
    private static final List<String> DEFAULTS_KEYS = List.of("medium", "source");
    // upload_to_candidates is not in the brief's schema but is in real configs (the 92.0.1 parameter has it).
    private static final List<String> ENTRY_KEYS = List.of(
            "campaign", "content", "locales", "platforms", "variation", "experiment", "upload_to_candidates");
    /** Store keys elsewhere allow 128-character components; refuse longer names here rather than at upload. */
    private static final int MAX_NAME = 128;
    /** The YAML 1.1 spellings of true that SnakeYAML tags as a boolean (the inline form gives "true"). */
    private static final Set<String> YAML_TRUE = Set.of("true", "yes", "on");

    private final Path file;
    private final List<ConfigError> errors;

    AttributionConfigReader(Path file, List<ConfigError> errors) {
        this.file = file;
        this.errors = errors;
    }

    /** The config, or empty when {@code root} has errors (added to the error list, sorted by line). */
    Optional<AttributionConfig> read(Node root) {
        int before = errors.size();
        AttributionConfig config = config(root);
        errors.subList(before, errors.size()).sort(Comparator.comparingInt(ConfigError::line));
        return errors.size() == before ? Optional.of(config) : Optional.empty();
    }

    private AttributionConfig config(Node root) {
        if (root == null) {
            errors.add(new ConfigError(file, 0, "empty file (expected 'defaults' and 'configs')"));
            return null;
        }
        Map<String, Node> top = fields(root, "", TOP_KEYS);
        if (top == null) {
            return null;
        }
        AttributionConfig.Defaults defaults = defaults(required(top, root, "", "defaults"));
        List<AttributionEntry> entries = new ArrayList<>();
        Node configs = required(top, root, "", "configs");
        List<Node> items = configs == null ? List.of() : list(configs, "configs");
        Map<String, String> firstById = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "configs[" + i + "]";
            AttributionEntry entry = entry(items.get(i), at, defaults);
            if (entry == null) {
                continue;
            }
            String first = firstById.putIfAbsent(entry.id(), at);
            if (first != null) {
                error(items.get(i), at, "campaign '" + entry.campaign() + "' and content '" + entry.content()
                        + "' are already used by " + first);
            } else {
                entries.add(entry);
            }
        }
        return new AttributionConfig(file, defaults, entries);
    }

    private AttributionConfig.Defaults defaults(Node node) {
        if (node == null) {
            return null;
        }
        Map<String, Node> f = fields(node, "defaults", DEFAULTS_KEYS);
        if (f == null) {
            return null;
        }
        String medium = string(required(f, node, "defaults", "medium"), "defaults.medium");
        String source = string(required(f, node, "defaults", "source"), "defaults.source");
        return medium == null || source == null ? null : new AttributionConfig.Defaults(medium, source);
    }

    /** One entry, or null when it has errors; {@code defaults} (null when invalid) is needed to check its code. */
    private AttributionEntry entry(Node node, String at, AttributionConfig.Defaults defaults) {
        int before = errors.size();
        Map<String, Node> f = fields(node, at, ENTRY_KEYS);
        if (f == null) {
            return null;
        }
        String campaign = name(required(f, node, at, "campaign"), at + ".campaign");
        String content = name(required(f, node, at, "content"), at + ".content");
        List<String> locales = locales(required(f, node, at, "locales"), at + ".locales");
        Set<Platform> platforms = platforms(required(f, node, at, "platforms"), at + ".platforms");
        String variation = f.containsKey("variation") ? string(f.get("variation"), at + ".variation") : null;
        String experiment = f.containsKey("experiment") ? string(f.get("experiment"), at + ".experiment") : null;
        if (f.containsKey("upload_to_candidates")) {
            uploadToCandidates(f.get("upload_to_candidates"), at + ".upload_to_candidates");
        }
        if (errors.size() > before) {
            return null;
        }
        if (defaults != null) {
            checkCode(node, at, defaults, campaign, content, variation, experiment);
        }
        return errors.size() > before ? null
                : new AttributionEntry(campaign, content, locales, platforms, variation, experiment, at, line(node));
    }

    /** The code can only be checked as a whole (its length); problems are reported at the entry. */
    private void checkCode(Node node, String at, AttributionConfig.Defaults defaults, String campaign, String content,
                           String variation, String experiment) {
        try {
            String code = AttributionCode.encode(defaults.medium(), defaults.source(), campaign, content,
                    variation, experiment);
            AttributionCode.problems(code).forEach(p -> error(node, at, p));
        } catch (IllegalArgumentException e) {
            error(node, at, e.getMessage());
        }
    }

    /**
     * The real pipeline uploads attributed builds to candidates whatever this says; a {@code false} would be silently
     * ignored there, so it is refused here. {@code true} is accepted because real configs carry it.
     */
    private void uploadToCandidates(Node node, String at) {
        if (!(node instanceof ScalarNode s) || !Tag.BOOL.equals(node.getTag())) {
            error(node, at, "must be true or false, not " + describe(node));
        } else if (!YAML_TRUE.contains(s.getValue().toLowerCase(Locale.ROOT))) {
            error(node, at, "false is not supported: attributed builds are always published to candidates");
        }
    }

    private String name(Node node, String at) {
        String value = string(node, at);
        if (value == null) {
            return null;
        }
        if (!Names.isSafeName(value) || value.length() > MAX_NAME) {
            error(node, at, "'" + value + "' is not a safe path component (up to " + MAX_NAME
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit)");
            return null;
        }
        return value;
    }

    private List<String> locales(Node node, String at) {
        if (node == null) {
            return List.of();
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Node> items = list(node, at);
        for (int i = 0; i < items.size(); i++) {
            String itemAt = at + "[" + i + "]";
            String locale = string(items.get(i), itemAt);
            if (locale == null) {
                continue;
            }
            if (!Names.isLocale(locale)) {
                error(items.get(i), itemAt, "'" + locale + "' is not a locale (such as de, en-US or ja-JP-mac)");
            } else if (seen.putIfAbsent(locale, i) != null) {
                error(items.get(i), itemAt, "locale '" + locale + "' is listed twice");
            }
        }
        if (node instanceof SequenceNode && items.isEmpty()) {
            error(node, at, "is empty");
        }
        return List.copyOf(new TreeSet<>(seen.keySet()));
    }

    private Set<Platform> platforms(Node node, String at) {
        Set<Platform> platforms = EnumSet.noneOf(Platform.class);
        if (node == null) {
            return platforms;
        }
        List<Node> items = list(node, at);
        for (int i = 0; i < items.size(); i++) {
            String itemAt = at + "[" + i + "]";
            String name = string(items.get(i), itemAt);
            if (name == null) {
                continue;
            }
            Platform p = Arrays.stream(Platform.values()).filter(x -> x.buildPlatform().equals(name))
                    .findFirst().orElse(null);
            if (p == null) {
                error(items.get(i), itemAt, "unknown platform '" + name + "'" + Platform.ofFtpPlatform(name)
                        .map(ftp -> " (did you mean '" + ftp.buildPlatform() + "'?)")
                        .orElse(" (expected one of " + attributable() + ")"));
            } else if (p.isLinux()) {
                error(items.get(i), itemAt, "'" + name + "' cannot be attributed: Linux builds have no installer");
            } else if (!platforms.add(p)) {
                error(items.get(i), itemAt, "platform '" + name + "' is listed twice");
            }
        }
        if (node instanceof SequenceNode && items.isEmpty()) {
            error(node, at, "is empty");
        }
        return platforms;
    }

    private static String attributable() {
        return Arrays.stream(Platform.values()).filter(p -> !p.isLinux()).map(Platform::buildPlatform)
                .collect(Collectors.joining(", "));
    }

    /**
     * The mapping's values by key, or null (reported) when {@code node} is not a mapping. Unknown and duplicate keys
     * are reported; a duplicate's first value is kept.
     */
    private Map<String, Node> fields(Node node, String at, List<String> allowed) {
        if (!(node instanceof MappingNode mapping) || !Tag.MAP.equals(node.getTag())) {
            error(node, at, "must be a mapping" + (at.isEmpty() ? " with 'defaults' and 'configs'" : "")
                    + ", not " + describe(node));
            return null;
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode k) || !Tag.STR.equals(keyNode.getTag())) {
                error(keyNode, at, "keys must be strings, not " + describe(keyNode));
                continue;
            }
            String key = k.getValue();
            String keyAt = at.isEmpty() ? key : at + "." + key;
            if (!allowed.contains(key)) {
                error(keyNode, keyAt, "unknown key (expected " + String.join(", ", allowed) + ")");
            } else if (fields.containsKey(key)) {
                int first = keyLines.get(key);
                error(keyNode, keyAt, "duplicate key" + (first > 0 ? " (first on line " + first + ")" : ""));
            } else {
                fields.put(key, tuple.getValueNode());
                keyLines.put(key, line(keyNode));
            }
        }
        return fields;
    }

    private Node required(Map<String, Node> fields, Node parent, String at, String key) {
        Node value = fields.get(key);
        if (value == null) {
            error(parent, at, "missing '" + key + "'");
        }
        return value;
    }

    /** The items of a list, or none (reported) when {@code node} is something else. */
    private List<Node> list(Node node, String at) {
        if (!(node instanceof SequenceNode seq) || !Tag.SEQ.equals(node.getTag())) {
            error(node, at, "must be a list, not " + describe(node));
            return List.of();
        }
        return seq.getValue();
    }

    /** A non-empty string, or null (reported); null {@code node} means missing, reported by {@link #required}. */
    private String string(Node node, String at) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode s) || !Tag.STR.equals(node.getTag())) {
            error(node, at, "must be a string, not " + describe(node));
            return null;
        }
        if (s.getValue().isEmpty()) {
            error(node, at, "must not be empty");
            return null;
        }
        return s.getValue();
    }

    /** What a wrong node is, in the user's terms; numbers and booleans quote their text so the fix is obvious. */
    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = node.getTag();
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + s.getValue() + " (quote it to make it a string)";
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + s.getValue();
        }
        if (Tag.NULL.equals(tag)) {
            return "null";
        }
        if (Tag.STR.equals(tag)) {
            return "the string '" + s.getValue() + "'";
        }
        return "a value tagged " + tag;
    }

    private void error(Node node, String at, String message) {
        errors.add(new ConfigError(file, line(node), at.isEmpty() ? message : at + ": " + message));
    }

    /** 1-based line of a node from a file; 0 for a node without a mark (the inline form). */
    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
