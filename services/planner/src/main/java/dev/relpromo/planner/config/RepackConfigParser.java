package dev.relpromo.planner.config;

import dev.relpromo.events.Platform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict {@code repack.cfg} parser. It accepts what real configs contain but, unlike {@code partner_repack.py},
 * strips inline comments, allows {@code =} inside values, honours single quotes and refuses anything ambiguous:
 * unknown or duplicate keys, booleans other than true/false (the real pipeline's string booleans are a known bug),
 * invalid locales. Every problem is reported with file and line; parsing goes on to find the others.
 */
public final class RepackConfigParser {
    private RepackConfigParser() {
    }

    public static final String FILE_NAME = "repack.cfg";
    private static final String CUSTOM_LOCALE_PREFIX = "locale.";
    private static final Set<String> STRING_KEYS = Set.of(
            "dist_id", "dist_version", "aus", "replacement_setup_exe", "deb_section", "output_dir", "bucket", "s3cfg");
    private static final Set<String> BOOLEAN_KEYS = Set.of(
            "migrationWizardDisabled", "oem", "repack_stub_installer", "upload_to_candidates", "publish_to_releases");
    private static final String LOCALES = "locales";

    /** Parses one file, throwing every error found in it. */
    public static RepackConfig parse(Path file) {
        List<ConfigError> errors = new ArrayList<>();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PartnerConfigException(List.of(new ConfigError(file, 0, "cannot read: " + e.getMessage())));
        }
        Optional<RepackConfig> config = parse(file, content, errors);
        if (!errors.isEmpty()) {
            throw new PartnerConfigException(errors);
        }
        return config.orElseThrow();
    }

    /** Parses {@code content} (named {@code file} in messages); errors are added to {@code errors}. */
    public static Optional<RepackConfig> parse(Path file, byte[] content, List<ConfigError> errors) {
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
        return new Parse(file, errors).run(text);
    }

    private static boolean isKnownKey(String key) {
        return STRING_KEYS.contains(key) || BOOLEAN_KEYS.contains(key) || LOCALES.equals(key)
                || key.startsWith(CUSTOM_LOCALE_PREFIX) || Platform.ofFtpPlatform(key).isPresent();
    }

    /** The state of parsing one file. */
    private static final class Parse {
        private final Path file;
        private final List<ConfigError> errors;
        private final int errorsBefore;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, Integer> lines = new HashMap<>();

        Parse(Path file, List<ConfigError> errors) {
            this.file = file;
            this.errors = errors;
            this.errorsBefore = errors.size();
        }

        void error(int line, String message) {
            errors.add(new ConfigError(file, line, message));
        }

        Optional<RepackConfig> run(String text) {
            String[] rawLines = text.split("\r\n|\r|\n", -1);
            for (int i = 0; i < rawLines.length; i++) {
                readLine(i + 1, rawLines[i]);
            }
            RepackConfig config = interpret();
            return errors.size() == errorsBefore ? Optional.of(config) : Optional.empty();
        }

        private void readLine(int n, String line) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                return;
            }
            // The FIRST '=' separates key and value, so values such as URLs with query strings survive.
            int eq = line.indexOf('=');
            if (eq < 0) {
                error(n, "malformed line, expected key=value: '" + stripped + "'");
                return;
            }
            String key = line.substring(0, eq).strip();
            if (key.isEmpty()) {
                error(n, "missing key before '='");
                return;
            }
            if (!isKnownKey(key)) {
                error(n, "unknown key '" + key + "'");
                return;
            }
            if (lines.containsKey(key)) {
                error(n, "duplicate key '" + key + "' (first set on line " + lines.get(key) + ")");
                return;
            }
            lines.put(key, n);
            try {
                values.put(key, value(line.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                error(n, e.getMessage());
            }
        }

        /** The value after '=': unquoted, without an inline comment. */
        private static String value(String raw) {
            String v = raw.strip();
            if (v.isEmpty()) {
                return v;
            }
            char first = v.charAt(0);
            if (first == '"' || first == '\'') {
                int close = v.indexOf(first, 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unbalanced quote: " + first + " is never closed");
                }
                String rest = v.substring(close + 1).strip();
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    throw new IllegalArgumentException("unexpected text after the closing quote: '" + rest + "'");
                }
                return v.substring(1, close);
            }
            int comment = inlineComment(v);
            if (comment >= 0) {
                v = v.substring(0, comment).strip();
            }
            if (v.endsWith("\"") || v.endsWith("'")) {
                throw new IllegalArgumentException("unbalanced quote at the end of value '" + v + "'");
            }
            return v;
        }

        /** An inline comment starts at a '#' that begins the value or follows whitespace ({@code a#b} is a value). */
        private static int inlineComment(String v) {
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) == '#' && (i == 0 || Character.isWhitespace(v.charAt(i - 1)))) {
                    return i;
                }
            }
            return -1;
        }

        private RepackConfig interpret() {
            List<String> locales = locales();
            Map<String, String> custom = customLocales(locales);
            Set<Platform> platforms = EnumSet.noneOf(Platform.class);
            for (Platform p : Platform.values()) {
                if (bool(p.configKey())) {
                    platforms.add(p);
                }
            }
            String replacementSetupExe = values.get("replacement_setup_exe");
            if (replacementSetupExe != null && locales.size() > 1) {
                error(lines.get("replacement_setup_exe"),
                        "replacement_setup_exe cannot be used with more than one locale (" + locales.size() + " listed)");
            }
            return new RepackConfig(file, locales, custom, platforms,
                    values.get("dist_id"), values.get("dist_version"), values.get("aus"),
                    bool("migrationWizardDisabled"), bool("oem"), bool("repack_stub_installer"),
                    bool("upload_to_candidates"), bool("publish_to_releases"),
                    replacementSetupExe, values.get("deb_section"), values.get("output_dir"),
                    values.get("bucket"), values.get("s3cfg"), lines);
        }

        private boolean bool(String key) {
            String v = values.get(key);
            if (v == null) {
                return false;
            }
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (!v.equalsIgnoreCase("false")) {
                error(lines.get(key), key + " must be true or false, not '" + v + "'");
            }
            return false;
        }

        private List<String> locales() {
            if (!lines.containsKey(LOCALES)) {
                error(0, "missing required key 'locales'");
                return List.of();
            }
            String v = values.get(LOCALES);
            if (v == null) {
                return List.of(); // the line itself was reported already
            }
            int line = lines.get(LOCALES);
            Set<String> locales = new LinkedHashSet<>();
            for (String locale : v.strip().split("\\s+")) {
                if (locale.isEmpty()) {
                    continue;
                }
                if (!Names.isLocale(locale)) {
                    error(line, "invalid locale '" + locale + "'");
                } else if (!locales.add(locale)) {
                    error(line, "locale '" + locale + "' is listed twice");
                }
            }
            if (locales.isEmpty() && v.isBlank()) {
                error(line, "locales is empty");
            }
            return new ArrayList<>(locales);
        }

        private Map<String, String> customLocales(List<String> locales) {
            Map<String, String> custom = new TreeMap<>();
            values.forEach((key, source) -> {
                if (!key.startsWith(CUSTOM_LOCALE_PREFIX)) {
                    return;
                }
                int line = lines.get(key);
                String locale = key.substring(CUSTOM_LOCALE_PREFIX.length());
                if (!Names.isLocale(locale)) {
                    error(line, "invalid custom locale '" + locale + "' in key '" + key + "'");
                } else if (!Names.isLocale(source)) {
                    error(line, "invalid source locale '" + source + "' for custom locale '" + locale + "'");
                } else if (!locales.contains(locale)) {
                    error(line, "custom locale '" + locale + "' is not listed in locales");
                } else {
                    custom.put(locale, source);
                }
            });
            return custom;
        }
    }
}
