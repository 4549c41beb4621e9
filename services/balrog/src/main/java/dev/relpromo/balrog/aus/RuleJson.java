package dev.relpromo.balrog.aus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A rule as Balrog's admin API spells it ({@code fallbackMapping}, {@code backgroundRate}, {@code update_type}...). */
public final class RuleJson {
    private RuleJson() {
    }

    public static ObjectNode toJson(Rule rule) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (rule.ruleId() != null) {
            json.put("rule_id", rule.ruleId());
        }
        json.put("alias", rule.alias());
        json.put("priority", rule.priority());
        json.put("mapping", rule.mapping());
        json.put("fallbackMapping", rule.fallbackMapping());
        json.put("backgroundRate", rule.backgroundRate());
        json.put("update_type", rule.updateType());
        json.put("product", rule.product());
        json.put("version", rule.version());
        json.put("buildID", rule.buildID());
        json.put("channel", rule.channel());
        json.put("buildTarget", rule.buildTarget());
        json.put("locale", rule.locale());
        json.put("distribution", rule.distribution());
        json.put("distVersion", rule.distVersion());
        json.put("osVersion", rule.osVersion());
        json.put("instructionSet", rule.instructionSet());
        json.put("memory", rule.memory());
        json.put("mig64", rule.mig64());
        json.put("jaws", rule.jaws());
        json.put("headerArchitecture", rule.headerArchitecture());
        json.put("comment", rule.comment());
        json.put("data_version", rule.dataVersion());
        return json;
    }

    /** Reads a rule; {@code priority} and {@code backgroundRate} are required, as in Balrog. */
    public static Rule fromJson(JsonNode json) {
        for (String required : new String[] {"priority", "backgroundRate"}) {
            if (!json.hasNonNull(required) || !json.get(required).canConvertToInt()) {
                throw new IllegalArgumentException("rule field " + required + " is required and must be an integer");
            }
        }
        return new Rule(
                json.hasNonNull("rule_id") ? json.get("rule_id").asLong() : null,
                text(json, "alias"),
                json.get("priority").asInt(),
                text(json, "mapping"),
                text(json, "fallbackMapping"),
                json.get("backgroundRate").asInt(),
                json.hasNonNull("update_type") ? json.get("update_type").asText() : "minor",
                text(json, "product"),
                text(json, "version"),
                text(json, "buildID"),
                text(json, "channel"),
                text(json, "buildTarget"),
                text(json, "locale"),
                text(json, "distribution"),
                text(json, "distVersion"),
                text(json, "osVersion"),
                text(json, "instructionSet"),
                text(json, "memory"),
                json.hasNonNull("mig64") ? json.get("mig64").asBoolean() : null,
                json.hasNonNull("jaws") ? json.get("jaws").asBoolean() : null,
                text(json, "headerArchitecture"),
                text(json, "comment"),
                json.hasNonNull("data_version") ? json.get("data_version").asInt() : 1);
    }

    /** {@code base} with every field {@code changes} names replaced (a null value clears the field). */
    public static Rule merge(Rule base, JsonNode changes) {
        ObjectNode merged = toJson(base);
        changes.properties().forEach(f -> {
            if (!f.getKey().equals("rule_id") && !f.getKey().equals("data_version")) {
                merged.set(f.getKey(), f.getValue());
            }
        });
        return fromJson(merged);
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }
}
