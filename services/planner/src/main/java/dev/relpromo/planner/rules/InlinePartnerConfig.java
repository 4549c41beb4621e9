package dev.relpromo.planner.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relpromo.events.Platform;
import dev.relpromo.planner.config.Names;
import dev.relpromo.planner.config.RepackPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The inline {@code release_partner_config} request parameter, shaped like the real one:
 * <pre>{"release-partner-repack": {partner: {sub: {"locales": [...], "platforms": ["linux64-shippable", ...],
 *   "publish_to_releases": true, ...}}}, "release-eme-free-repack": {...}}</pre>
 * It chooses sub-configs and overrides their locales and platforms. Unlike the real parameter, booleans must be
 * JSON booleans; unknown keys and platforms are errors naming their JSON path.
 *
 * @param paths the repack paths present in the parameter → partner → sub-config → entry (sorted)
 */
public record InlinePartnerConfig(Map<RepackPath, Map<String, Map<String, Entry>>> paths) {

    public static final String PARAMETER = "release_partner_config";
    private static final String ATTRIBUTION = "release-partner-attribution";

    /**
     * One sub-config entry; {@code null} fields leave the {@code repack.cfg} value in force.
     *
     * @param jsonPath where the entry is in the parameter, for messages
     */
    public record Entry(String jsonPath, List<String> locales, Set<Platform> platforms, Boolean uploadToCandidates,
                        Boolean repackStubInstaller, Boolean publishToReleases) {
    }

    public boolean has(RepackPath path) {
        return paths.containsKey(path);
    }

    /** Parses the parameter; problems (each naming a JSON path) are added to {@code problems}. */
    public static InlinePartnerConfig parse(JsonNode root, List<String> problems) {
        Map<RepackPath, Map<String, Map<String, Entry>>> paths = new EnumMap<>(RepackPath.class);
        if (!root.isObject()) {
            problems.add(PARAMETER + ": must be an object");
            return new InlinePartnerConfig(paths);
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String at = PARAMETER + "." + field.getKey();
            RepackPath path = pathOf(field.getKey());
            if (path == null) {
                problems.add(at + ": " + (field.getKey().equals(ATTRIBUTION)
                        ? "partner attribution is not planned by this version yet"
                        : "unknown key (expected " + RepackPath.PARTNER.kindPrefix() + " or "
                        + RepackPath.EME_FREE.kindPrefix() + ")"));
                continue;
            }
            paths.put(path, partners(field.getValue(), at, path, problems));
        }
        return new InlinePartnerConfig(paths);
    }

    private static RepackPath pathOf(String key) {
        for (RepackPath p : RepackPath.values()) {
            if (p.kindPrefix().equals(key)) {
                return p;
            }
        }
        return null;
    }

    private static Map<String, Map<String, Entry>> partners(JsonNode node, String at, RepackPath path,
                                                            List<String> problems) {
        Map<String, Map<String, Entry>> partners = new TreeMap<>();
        if (!object(node, at, problems)) {
            return partners;
        }
        node.properties().forEach(partner -> {
            String partnerAt = at + "." + partner.getKey();
            if (!Names.isSafeName(partner.getKey())) {
                problems.add(partnerAt + ": unsafe partner name");
                return;
            }
            Map<String, Entry> subs = new TreeMap<>();
            if (object(partner.getValue(), partnerAt, problems)) {
                partner.getValue().properties().forEach(sub -> {
                    String subAt = partnerAt + "." + sub.getKey();
                    if (!Names.isSafeName(sub.getKey())) {
                        problems.add(subAt + ": unsafe sub-config name");
                    } else if (object(sub.getValue(), subAt, problems)) {
                        subs.put(sub.getKey(), entry(sub.getValue(), subAt, path, problems));
                    }
                });
            }
            partners.put(partner.getKey(), subs);
        });
        return partners;
    }

    private static Entry entry(JsonNode node, String at, RepackPath path, List<String> problems) {
        List<String> locales = null;
        Set<Platform> platforms = null;
        Boolean upload = null;
        Boolean stub = null;
        Boolean publish = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String fieldAt = at + "." + field.getKey();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "locales" -> locales = locales(value, fieldAt, problems);
                case "platforms" -> platforms = platforms(value, fieldAt, path, problems);
                case "upload_to_candidates" -> upload = bool(value, fieldAt, problems);
                case "repack_stub_installer" -> stub = bool(value, fieldAt, problems);
                case "publish_to_releases" -> publish = bool(value, fieldAt, problems);
                default -> problems.add(fieldAt + ": unknown key (expected locales, platforms, upload_to_candidates,"
                        + " repack_stub_installer or publish_to_releases)");
            }
        }
        return new Entry(at, locales, platforms, upload, stub, publish);
    }

    private static List<String> locales(JsonNode node, String at, List<String> problems) {
        Set<String> locales = new LinkedHashSet<>();
        List<String> items = strings(node, at, problems);
        for (int i = 0; i < items.size(); i++) {
            String locale = items.get(i);
            if (locale == null) {
                continue;
            }
            if (!Names.isLocale(locale)) {
                problems.add(at + "[" + i + "]: invalid locale '" + locale + "'");
            } else if (!locales.add(locale)) {
                problems.add(at + "[" + i + "]: locale '" + locale + "' is listed twice");
            }
        }
        if (node.isArray() && node.isEmpty()) {
            problems.add(at + ": is empty");
        }
        return new ArrayList<>(locales);
    }

    private static Set<Platform> platforms(JsonNode node, String at, RepackPath path, List<String> problems) {
        Set<Platform> platforms = EnumSet.noneOf(Platform.class);
        List<String> items = strings(node, at, problems);
        for (int i = 0; i < items.size(); i++) {
            String name = items.get(i);
            if (name == null) {
                continue;
            }
            try {
                Platform p = Platform.ofBuildPlatform(name);
                if (path == RepackPath.EME_FREE && p.isLinux()) {
                    problems.add(at + "[" + i + "]: EME-free repacks have no Linux builds");
                } else if (!platforms.add(p)) {
                    problems.add(at + "[" + i + "]: platform '" + name + "' is listed twice");
                }
            } catch (IllegalArgumentException e) {
                problems.add(at + "[" + i + "]: unknown platform '" + name + "'");
            }
        }
        return platforms;
    }

    /** The array's items, with {@code null} in place of (reported) non-strings. */
    private static List<String> strings(JsonNode node, String at, List<String> problems) {
        List<String> items = new ArrayList<>();
        if (!node.isArray()) {
            problems.add(at + ": must be an array of strings");
            return items;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                items.add(item.asText());
            } else {
                problems.add(at + "[" + i + "]: must be a string");
                items.add(null);
            }
        }
        return items;
    }

    private static Boolean bool(JsonNode node, String at, List<String> problems) {
        if (!node.isBoolean()) {
            // the real parameter's 'true'/'false' strings are a known bug: 'false' counted as true
            problems.add(at + ": must be a JSON boolean, not " + node);
            return null;
        }
        return node.booleanValue();
    }

    private static boolean object(JsonNode node, String at, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + ": must be an object");
            return false;
        }
        return true;
    }
}
