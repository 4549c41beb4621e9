package dev.relpromo.balrog.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * A release blob split as Balrog v2 stores it: the base, and one asset per {@code platforms.<target>.locales.<locale>}
 * keyed by its path {@code .platforms.<target>.locales.<locale>}. Each part has its own data version, so two locale
 * tasks writing different locales do not conflict.
 */
record ReleaseParts(ObjectNode base, Map<String, JsonNode> assets) {

    static ReleaseParts split(JsonNode blob) {
        ObjectNode base = blob.deepCopy();
        Map<String, JsonNode> assets = new TreeMap<>();
        JsonNode platforms = base.get("platforms");
        if (platforms instanceof ObjectNode platformsObject) {
            for (Map.Entry<String, JsonNode> platform : platformsObject.properties()) {
                if (platform.getValue() instanceof ObjectNode platformObject && platformObject.get("locales") instanceof ObjectNode locales) {
                    for (Map.Entry<String, JsonNode> locale : locales.properties()) {
                        assets.put(path(platform.getKey(), locale.getKey()), locale.getValue());
                    }
                    platformObject.remove("locales");
                }
            }
            // What is left of a platform with only locales is nothing, as in Balrog's separate_base_blob.
            platformsObject.properties().removeIf(p -> p.getValue().isObject() && p.getValue().isEmpty());
            if (platformsObject.isEmpty()) {
                base.remove("platforms");
            }
        }
        return new ReleaseParts(base, assets);
    }

    static String path(String buildTarget, String locale) {
        return ".platforms." + buildTarget + ".locales." + locale;
    }

    /** {@code [target, locale]} of an asset path. */
    static String[] targetAndLocale(String path) {
        String rest = path.substring(".platforms.".length());
        int split = rest.indexOf(".locales.");
        return new String[] {rest.substring(0, split), rest.substring(split + ".locales.".length())};
    }

    /** The whole blob: the base with every asset put back in place. */
    static ObjectNode assemble(JsonNode base, Map<String, JsonNode> assets) {
        ObjectNode blob = base.deepCopy();
        for (Map.Entry<String, JsonNode> asset : assets.entrySet()) {
            String[] tl = targetAndLocale(asset.getKey());
            blob.withObjectProperty("platforms").withObjectProperty(tl[0]).withObjectProperty("locales").set(tl[1], asset.getValue());
        }
        return blob;
    }

    /** Balrog's {@code data_versions}: {@code {".": base, "platforms": {target: {"locales": {locale: n}}}}}. */
    static ObjectNode dataVersions(int baseVersion, Map<String, Integer> assetVersions) {
        ObjectNode versions = JsonNodeFactory.instance.objectNode().put(".", baseVersion);
        assetVersions.forEach((path, version) -> {
            String[] tl = targetAndLocale(path);
            versions.withObjectProperty("platforms").withObjectProperty(tl[0]).withObjectProperty("locales").put(tl[1], version);
        });
        return versions;
    }

    /** The version {@code old_data_versions} names for an asset path, or null. */
    static Integer assetVersion(JsonNode oldDataVersions, String path) {
        if (oldDataVersions == null) {
            return null;
        }
        String[] tl = targetAndLocale(path);
        JsonNode v = oldDataVersions.path("platforms").path(tl[0]).path("locales").path(tl[1]);
        return v.canConvertToInt() ? v.asInt() : null;
    }

    static Integer baseVersion(JsonNode oldDataVersions) {
        if (oldDataVersions == null) {
            return null;
        }
        JsonNode v = oldDataVersions.path(".");
        return v.canConvertToInt() ? v.asInt() : null;
    }
}
