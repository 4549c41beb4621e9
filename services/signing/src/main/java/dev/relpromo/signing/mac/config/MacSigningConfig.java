package dev.relpromo.signing.mac.config;

import dev.relpromo.signing.GpgSigner;
import dev.relpromo.signing.command.CommandMacSigner;
import dev.relpromo.signing.command.CommandTemplate;
import dev.relpromo.signing.mac.LocalManifestMacSigner;
import dev.relpromo.signing.mac.MacSigningBackend;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mac signing backend from settings, plain Java over a {@code Map} (the service wiring passes what its
 * configuration holds). Keys, all under {@value #PREFIX}:
 * <ul>
 *   <li>{@code backend}: {@code local} (default) or {@code command};</li>
 *   <li>{@code sign-command}, {@code notarize-command}: argument templates for {@code command}
 *       ({@link CommandTemplate}), both required for it;</li>
 *   <li>{@code timeout} (ISO-8601, default {@code PT10M}) per sign call, {@code notarize-timeout} per notarize call
 *       (default: {@code timeout}; Apple's notary service can take longer than signing);</li>
 *   <li>{@code value.<name>}: a value for placeholder {@code {<name>}};</li>
 *   <li>{@code secret-values}: comma-separated value names to redact, besides those whose names end in
 *       {@link dev.relpromo.signing.command.Redactor#SECRET_NAME_ENDINGS}.</li>
 * </ul>
 * Every mistake is an {@link IllegalArgumentException} naming the key, raised at startup rather than at the first
 * task. Unknown keys under the prefix are mistakes too (a misspelt key would otherwise be silently ignored).
 */
public final class MacSigningConfig {
    private static final Logger LOG = LoggerFactory.getLogger(MacSigningConfig.class);

    public static final String PREFIX = "relpromo.signing.mac.";
    public static final String BACKEND = PREFIX + "backend";
    public static final String SIGN_COMMAND = PREFIX + "sign-command";
    public static final String NOTARIZE_COMMAND = PREFIX + "notarize-command";
    public static final String TIMEOUT = PREFIX + "timeout";
    public static final String NOTARIZE_TIMEOUT = PREFIX + "notarize-timeout";
    public static final String VALUE_PREFIX = PREFIX + "value.";
    public static final String SECRET_VALUES = PREFIX + "secret-values";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    public static final List<String> BACKENDS = List.of(LocalManifestMacSigner.ID, CommandMacSigner.ID);

    private static final Set<String> KEYS = Set.of(BACKEND, SIGN_COMMAND, NOTARIZE_COMMAND, TIMEOUT, NOTARIZE_TIMEOUT,
            SECRET_VALUES);
    private static final Pattern VALUE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private MacSigningConfig() {
    }

    /**
     * The configured backend.
     *
     * @param settings    all settings (keys outside {@value #PREFIX} are ignored)
     * @param localSigner the local OpenPGP signer the {@code local} backend signs its manifests with
     */
    public static MacSigningBackend backend(Map<String, String> settings, GpgSigner localSigner) {
        checkKeys(settings);
        String backend = settings.getOrDefault(BACKEND, "").strip();
        if (backend.isEmpty() || backend.equals(LocalManifestMacSigner.ID)) {
            Objects.requireNonNull(localSigner, "the local mac backend needs the local OpenPGP signer");
            if (settings.containsKey(SIGN_COMMAND) || settings.containsKey(NOTARIZE_COMMAND)) {
                LOG.warn("{} is local (not Apple-valid): {} and {} are ignored", BACKEND, SIGN_COMMAND, NOTARIZE_COMMAND);
            }
            LOG.info("mac signing backend: {}", LocalManifestMacSigner.LABEL);
            return new LocalManifestMacSigner(localSigner);
        }
        if (backend.equals(CommandMacSigner.ID)) {
            CommandMacSigner signer = new CommandMacSigner(commandSettings(settings));
            LOG.info("mac signing backend: {}", signer.label());
            return signer;
        }
        throw new IllegalArgumentException(BACKEND + " must be one of " + BACKENDS + ", not '" + backend + "'");
    }

    /** The {@code command} backend's settings, validated: every placeholder has a value, timeouts are positive. */
    public static CommandMacSigner.Settings commandSettings(Map<String, String> settings) {
        checkKeys(settings);
        Map<String, String> values = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(VALUE_PREFIX)) {
                String name = key.substring(VALUE_PREFIX.length());
                if (!VALUE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException(key + ": a value name is lower-case letters, digits and '_',"
                            + " starting with a letter");
                }
                if (CommandMacSigner.BUILT_IN.contains(name)) {
                    throw new IllegalArgumentException(key + ": {" + name + "} is filled in per bundle and cannot be set");
                }
                values.put(name, value);
            }
        });
        Set<String> secretNames = new LinkedHashSet<>();
        for (String name : settings.getOrDefault(SECRET_VALUES, "").split(",")) {
            if (!name.isBlank()) {
                if (!values.containsKey(name.strip())) {
                    throw new IllegalArgumentException(SECRET_VALUES + " lists '" + name.strip() + "', but "
                            + VALUE_PREFIX + name.strip() + " is not set");
                }
                secretNames.add(name.strip());
            }
        }
        Duration timeout = duration(settings, TIMEOUT, DEFAULT_TIMEOUT);
        return new CommandMacSigner.Settings(template(settings, SIGN_COMMAND, values),
                template(settings, NOTARIZE_COMMAND, values), values, secretNames, timeout,
                duration(settings, NOTARIZE_TIMEOUT, timeout));
    }

    private static CommandTemplate template(Map<String, String> settings, String key, Map<String, String> values) {
        String text = settings.get(key);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(BACKEND + "=command needs " + key + ", e.g. " + key + "="
                    + (key.equals(SIGN_COMMAND)
                    ? "rcodesign sign --p12-file {p12} --p12-password-file {password_file} {bundle}"
                    : "rcodesign notary-submit --api-key-file {api_key} --staple {bundle}"));
        }
        CommandTemplate template;
        try {
            template = CommandTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        for (String placeholder : template.placeholders()) {
            if (!CommandMacSigner.BUILT_IN.contains(placeholder) && !values.containsKey(placeholder)) {
                throw new IllegalArgumentException(key + " uses {" + placeholder + "}, which is neither built in "
                        + sortedBuiltIns()
                        + " nor set: add " + VALUE_PREFIX + placeholder);
            }
        }
        return template;
    }

    private static String sortedBuiltIns() {
        String[] names = CommandMacSigner.BUILT_IN.stream().map(n -> "{" + n + "}").toArray(String[]::new);
        Arrays.sort(names);
        return "(" + String.join(", ", names) + ")";
    }

    private static Duration duration(Map<String, String> settings, String key, Duration defaultValue) {
        String text = settings.get(key);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        Duration value;
        try {
            value = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT10M, not '" + text + "'", e);
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, not " + text);
        }
        return value;
    }

    private static void checkKeys(Map<String, String> settings) {
        for (String key : new TreeMap<>(settings).keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key) && !key.startsWith(VALUE_PREFIX)) {
                throw new IllegalArgumentException("unknown setting " + key + "; the mac signing settings are "
                        + new TreeSet<>(KEYS) + " and " + VALUE_PREFIX + "<name>");
            }
        }
    }
}
