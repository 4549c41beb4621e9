package dev.relpromo.planner.attribution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A partner attribution code: the URL-encoded query string Firefox reads from its installer on first run and reports
 * in telemetry, e.g. {@code medium=distribution&source=mozilla&campaign=softonic&content=softonic-003}.
 *
 * <p>{@link #generate} builds it as the real {@code generate_attribution_code} does (Python's {@code urlencode}, keys in
 * the order medium, source, campaign, content, variation, experiment); {@link #parse} checks an arbitrary code with the
 * rules of {@code attribute_builds.py}, made stricter where Python silently drops input (an empty value, a pair
 * without {@code =}, a bad {@code %} escape), because a code that is written into an installer cannot be taken back.
 * Every instance is valid.
 */
public final class AttributionCode {
    /** Firefox's own limit ({@code AttributionCode.sys.mjs}), checked by {@code attribute_builds.py} too. */
    public static final int MAX_LENGTH = 1010;
    /** The keys Firefox accepts in an attribution code. */
    public static final List<String> ALLOWED_KEYS =
            List.of("source", "medium", "campaign", "content", "experiment", "variation", "ua", "dlsource");
    /** A partner build needs all four; a vanilla build's code needs only {@code dlsource}. */
    public static final List<String> PARTNER_KEYS = List.of("source", "medium", "campaign", "content");
    private static final String DLSOURCE = "dlsource";

    private final String value;
    private final Map<String, String> params;

    private AttributionCode(String value, Map<String, String> params) {
        this.value = value;
        this.params = Collections.unmodifiableMap(params);
    }

    /**
     * The code of one attribution config entry. {@code variation} and {@code experiment} are left out when null or
     * empty, as in the real pipeline.
     *
     * @throws InvalidAttributionCodeException if a required value is empty or the code is longer than {@link #MAX_LENGTH}
     */
    public static AttributionCode generate(String medium, String source, String campaign, String content,
                                           String variation, String experiment) {
        return parse(encode(medium, source, campaign, content, variation, experiment));
    }

    /** The unchecked code string of {@link #generate}, for the config parser to report problems at the entry. */
    static String encode(String medium, String source, String campaign, String content,
                         String variation, String experiment) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("medium", medium == null ? "" : medium);
        params.put("source", source == null ? "" : source);
        params.put("campaign", campaign == null ? "" : campaign);
        params.put("content", content == null ? "" : content);
        if (variation != null && !variation.isEmpty()) {
            params.put("variation", variation);
        }
        if (experiment != null && !experiment.isEmpty()) {
            params.put("experiment", experiment);
        }
        return encode(params);
    }

    /** The code of {@code entry} with the config's defaults. */
    public static AttributionCode of(AttributionConfig.Defaults defaults, AttributionEntry entry) {
        return generate(defaults.medium(), defaults.source(), entry.campaign(), entry.content(),
                entry.variation(), entry.experiment());
    }

    /**
     * Checks and decodes an attribution code as it is written into an installer.
     *
     * @throws InvalidAttributionCodeException listing every problem {@link #problems} finds
     */
    public static AttributionCode parse(String code) {
        List<String> problems = new ArrayList<>();
        Map<String, String> params = decode(code, problems);
        if (!problems.isEmpty()) {
            throw new InvalidAttributionCodeException(code, problems);
        }
        return new AttributionCode(code, params);
    }

    /** Every problem with {@code code}, in the order found; empty when the code is valid. */
    public static List<String> problems(String code) {
        List<String> problems = new ArrayList<>();
        decode(code, problems);
        return problems;
    }

    /** {@code key=value} pairs joined by {@code &}, both sides encoded as Python's {@code quote_plus}. */
    static String encode(Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(UrlEncoding.quotePlus(k) + "=" + UrlEncoding.quotePlus(v)));
        return String.join("&", pairs);
    }

    private static Map<String, String> decode(String code, List<String> problems) {
        Map<String, String> params = new LinkedHashMap<>();
        if (code == null || code.isEmpty()) {
            problems.add("attribution code is empty");
            return params;
        }
        int length = code.codePointCount(0, code.length()); // Python's len() counts code points
        if (length > MAX_LENGTH) {
            problems.add("attribution code is " + length + " characters long, more than " + MAX_LENGTH);
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c <= ' ' || c > '~') {
                // Raw spaces or non-ASCII would be decoded by Python, but a code is meant to be URL-encoded already;
                // accepting both forms would give one attribution two spellings.
                problems.add(String.format("character U+%04X at index %d must be percent-encoded", (int) c, i));
                return params;
            }
        }
        Set<String> seen = new HashSet<>();
        for (String pair : code.split("&", -1)) {
            readPair(pair, params, seen, problems);
        }
        if (!seen.contains(DLSOURCE)) {
            List<String> missing = PARTNER_KEYS.stream().filter(k -> !seen.contains(k)).toList();
            if (!missing.isEmpty()) {
                problems.add("either 'dlsource' or all of 'source', 'medium', 'campaign' and 'content' are needed;"
                        + " missing: " + String.join(", ", missing));
            }
        }
        return params;
    }

    private static void readPair(String pair, Map<String, String> params, Set<String> seen, List<String> problems) {
        if (pair.isEmpty()) {
            problems.add("empty parameter (a leading, trailing or doubled '&')");
            return;
        }
        int eq = pair.indexOf('=');
        if (eq < 0) {
            problems.add("parameter '" + pair + "' has no '=' (expected key=value)");
            return;
        }
        String key;
        try {
            key = UrlEncoding.unquotePlus(pair.substring(0, eq));
        } catch (IllegalArgumentException e) {
            problems.add("key '" + pair.substring(0, eq) + "': " + e.getMessage());
            return;
        }
        if (!ALLOWED_KEYS.contains(key)) {
            problems.add("unknown key '" + key + "' (allowed: " + String.join(", ", ALLOWED_KEYS) + ")");
        }
        if (!seen.add(key)) {
            problems.add("repeated key '" + key + "'");
            return;
        }
        String value;
        try {
            value = UrlEncoding.unquotePlus(pair.substring(eq + 1));
        } catch (IllegalArgumentException e) {
            problems.add("value of '" + key + "': " + e.getMessage());
            return;
        }
        if (value.isEmpty()) {
            problems.add("key '" + key + "' has an empty value");
        }
        params.put(key, value);
    }

    /** The code as Firefox reads it, URL-encoded. */
    public String value() {
        return value;
    }

    /** The decoded parameters in the order they appear in the code. */
    public Map<String, String> params() {
        return params;
    }

    /**
     * The bytes {@code attribute_builds.py} writes after the {@code __MOZCUSTOM__:} tag: the code quoted once more
     * (Python's {@code quote}, {@code /} kept). This can be up to three times {@link #MAX_LENGTH}; the writer must check
     * that it fits the installer's reserved slot, which the real script does not.
     */
    public String quotedForInstaller() {
        return UrlEncoding.quote(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributionCode other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
