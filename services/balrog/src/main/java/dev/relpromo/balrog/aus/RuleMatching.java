package dev.relpromo.balrog.aus;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Which rule answers a query (Balrog {@code db.getRulesMatchingQuery} and {@code util/rulematching.py}): the
 * prefilter on product, buildTarget, headerArchitecture and distVersion (equal or null), then the per-field matchers,
 * then the highest priority wins.
 */
public final class RuleMatching {
    private RuleMatching() {
    }

    public static Optional<Rule> bestRule(List<Rule> rules, UpdateQuery query) {
        return rules.stream()
                .filter(rule -> matches(rule, query))
                // Ties on priority: the lower rule id first, so the answer does not depend on list order.
                .sorted(Comparator.comparingInt(Rule::priority).reversed()
                        .thenComparing(r -> r.ruleId() == null ? Long.MAX_VALUE : r.ruleId()))
                .findFirst();
    }

    public static boolean matches(Rule rule, UpdateQuery query) {
        return nullOrEqual(rule.product(), query.product())
                && nullOrEqual(rule.buildTarget(), query.buildTarget())
                && nullOrEqual(rule.headerArchitecture(), query.headerArchitecture())
                && nullOrEqual(rule.distVersion(), query.distVersion())
                && matchChannel(rule.channel(), query.channel())
                && matchVersion(rule.version(), query.version())
                && matchBuildID(rule.buildID(), query.buildID())
                && matchMemory(rule.memory(), query.memory())
                && matchOsVersion(rule.osVersion(), query.osVersion())
                && matchCsv(rule.instructionSet(), query.instructionSet())
                && matchCsv(rule.distribution(), query.distribution())
                && matchCsv(rule.locale(), query.locale())
                && matchBoolean(rule.mig64(), query.mig64())
                && matchBoolean(rule.jaws(), query.jaws());
    }

    private static boolean nullOrEqual(String ruleValue, String queryValue) {
        return ruleValue == null || ruleValue.equals(queryValue);
    }

    /** Null, or exact/glob match of the query channel or its {@code -cck-} fallback. */
    public static boolean matchChannel(String ruleChannel, String queryChannel) {
        if (ruleChannel == null) {
            return true;
        }
        String fallback = UpdateQuery.fallbackChannel(queryChannel);
        return globMatch(ruleChannel, queryChannel) || globMatch(ruleChannel, fallback);
    }

    /** Only a trailing {@code *} is a glob, and only in a pattern of 3 characters or more (Balrog's guard). */
    static boolean globMatch(String pattern, String value) {
        if (pattern.endsWith("*") && pattern.length() >= 3) {
            return value.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(value);
    }

    public static boolean matchVersion(String ruleVersion, String queryVersion) {
        if (ruleVersion == null) {
            return true;
        }
        if (!MozillaVersion.isValid(queryVersion)) {
            return false;
        }
        MozillaVersion query = MozillaVersion.parse(queryVersion);
        return Arrays.stream(ruleVersion.split(","))
                .map(String::trim)
                .anyMatch(entry -> compare(entry, (op, operand) -> op.test(query.compareTo(MozillaVersion.parse(operand)))));
    }

    public static boolean matchBuildID(String ruleBuildID, String queryBuildID) {
        if (ruleBuildID == null) {
            return true;
        }
        // Build ids are 14-digit timestamps: Balrog compares them as strings.
        return compare(ruleBuildID.trim(), (op, operand) -> op.test(queryBuildID.compareTo(operand)));
    }

    public static boolean matchMemory(String ruleMemory, Integer queryMemory) {
        if (ruleMemory == null) {
            return true;
        }
        if (queryMemory == null) {
            return false;
        }
        return compare(ruleMemory.trim(), (op, operand) -> op.test(Integer.compare(queryMemory, Integer.parseInt(operand))));
    }

    /** {@code ,} is OR, {@code &&} AND, each term a substring of the query's osVersion. */
    public static boolean matchOsVersion(String ruleOsVersion, String queryOsVersion) {
        if (ruleOsVersion == null) {
            return true;
        }
        if (queryOsVersion == null) {
            return false;
        }
        for (String alternative : ruleOsVersion.split(",")) {
            boolean all = Arrays.stream(alternative.split("&&")).map(String::trim)
                    .allMatch(term -> !term.isEmpty() && queryOsVersion.contains(term));
            if (all) {
                return true;
            }
        }
        return false;
    }

    public static boolean matchCsv(String ruleList, String queryValue) {
        if (ruleList == null) {
            return true;
        }
        return queryValue != null && Arrays.stream(ruleList.split(",")).map(String::trim).anyMatch(queryValue::equals);
    }

    /** A null rule value matches anything; a set one needs the same non-null value in the query. */
    public static boolean matchBoolean(Boolean ruleValue, Boolean queryValue) {
        return ruleValue == null || (queryValue != null && ruleValue.equals(queryValue));
    }

    interface Comparison {
        boolean test(int comparison);
    }

    /** Splits an operator prefix off {@code entry} and hands the test and the operand to {@code check}. */
    private static boolean compare(String entry, BiPredicate<Comparison, String> check) {
        for (String op : List.of("<=", ">=", "<", ">", "=")) {
            if (entry.startsWith(op)) {
                String operand = entry.substring(op.length()).trim();
                Comparison comparison = switch (op) {
                    case "<=" -> c -> c <= 0;
                    case ">=" -> c -> c >= 0;
                    case "<" -> c -> c < 0;
                    case ">" -> c -> c > 0;
                    default -> c -> c == 0;
                };
                return check.test(comparison, operand);
            }
        }
        return check.test(c -> c == 0, entry);
    }
}
