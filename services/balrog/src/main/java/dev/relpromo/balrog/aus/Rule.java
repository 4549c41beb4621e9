package dev.relpromo.balrog.aus;

/**
 * A Balrog rule (the {@code rules} table). Null fields match anything. {@code version} and {@code buildID} accept
 * an operator prefix ({@code < <= > >= =}); {@code version} also a comma list of such entries; {@code locale},
 * {@code distribution} and {@code instructionSet} are comma lists matched exactly; {@code osVersion} is substring
 * matching with {@code ,} for OR and {@code &&} for AND; {@code channel} may end in a glob {@code *}.
 */
public record Rule(
        Long ruleId,
        String alias,
        int priority,
        String mapping,
        String fallbackMapping,
        int backgroundRate,
        String updateType,
        String product,
        String version,
        String buildID,
        String channel,
        String buildTarget,
        String locale,
        String distribution,
        String distVersion,
        String osVersion,
        String instructionSet,
        String memory,
        Boolean mig64,
        Boolean jaws,
        String headerArchitecture,
        String comment,
        int dataVersion) {

    public Rule {
        if (backgroundRate < 0 || backgroundRate > 100) {
            throw new IllegalArgumentException("rule backgroundRate must be 0..100, got " + backgroundRate);
        }
        if (updateType == null) {
            updateType = "minor";
        }
        if (!updateType.equals("minor") && !updateType.equals("major")) {
            throw new IllegalArgumentException("rule update_type must be minor or major, got " + updateType);
        }
    }

    /** A rule with only what most tests and callers need; the rest matches anything. */
    public static Rule of(int priority, String product, String channel, String mapping) {
        return new Rule(null, null, priority, mapping, null, 100, "minor", product, null, null, channel,
                null, null, null, null, null, null, null, null, null, null, null, 1);
    }

    public Rule withRuleId(long id) {
        return new Rule(id, alias, priority, mapping, fallbackMapping, backgroundRate, updateType, product, version,
                buildID, channel, buildTarget, locale, distribution, distVersion, osVersion, instructionSet, memory,
                mig64, jaws, headerArchitecture, comment, dataVersion);
    }

    public Rule withDataVersion(int newDataVersion) {
        return new Rule(ruleId, alias, priority, mapping, fallbackMapping, backgroundRate, updateType, product,
                version, buildID, channel, buildTarget, locale, distribution, distVersion, osVersion, instructionSet,
                memory, mig64, jaws, headerArchitecture, comment, newDataVersion);
    }

    public Rule withMapping(String newMapping, String newFallbackMapping, int newBackgroundRate) {
        return new Rule(ruleId, alias, priority, newMapping, newFallbackMapping, newBackgroundRate, updateType, product,
                version, buildID, channel, buildTarget, locale, distribution, distVersion, osVersion, instructionSet,
                memory, mig64, jaws, headerArchitecture, comment, dataVersion);
    }

    public Rule withVersion(String newVersion) {
        return new Rule(ruleId, alias, priority, mapping, fallbackMapping, backgroundRate, updateType, product,
                newVersion, buildID, channel, buildTarget, locale, distribution, distVersion, osVersion, instructionSet,
                memory, mig64, jaws, headerArchitecture, comment, dataVersion);
    }

    public Rule withLocale(String newLocale) {
        return new Rule(ruleId, alias, priority, mapping, fallbackMapping, backgroundRate, updateType, product,
                version, buildID, channel, buildTarget, newLocale, distribution, distVersion, osVersion, instructionSet,
                memory, mig64, jaws, headerArchitecture, comment, dataVersion);
    }

    public Rule withBuildTarget(String newBuildTarget) {
        return new Rule(ruleId, alias, priority, mapping, fallbackMapping, backgroundRate, updateType, product,
                version, buildID, channel, newBuildTarget, locale, distribution, distVersion, osVersion, instructionSet,
                memory, mig64, jaws, headerArchitecture, comment, dataVersion);
    }

    public Rule withFallback(String newFallbackMapping, int newBackgroundRate) {
        return withMapping(mapping, newFallbackMapping, newBackgroundRate);
    }
}
