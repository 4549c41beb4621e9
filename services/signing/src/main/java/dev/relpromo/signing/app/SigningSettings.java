package dev.relpromo.signing.app;

import dev.relpromo.kit.app.Settings;
import dev.relpromo.signing.SigningBackends;
import dev.relpromo.signing.command.CommandTemplate;
import dev.relpromo.signing.mac.config.MacSigningConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flat {@code relpromo.signing.*} map that {@link SigningBackends#parse} and {@link MacSigningConfig#backend}
 * read, built from the service's {@link Settings}. Configuration properties cannot be listed, only looked up, so
 * this names every key those parsers know; the mac backend's {@code value.<name>} keys are the ones its command
 * templates use and its {@code secret-values} lists. A key outside these (a misspelling in a configuration file) is
 * therefore never seen, and cannot be reported as unknown the way an explicit map would be.
 */
final class SigningSettings {
    private static final String PREFIX = SigningBackends.PREFIX;
    private static final List<String> AUTOGRAPH = List.of("url", "hawk-id", "hawk-key-file", "hawk-key-env", "key-id",
            "timeout");

    private SigningSettings() {
    }

    static Map<String, String> read(Settings settings) {
        Set<String> keys = new LinkedHashSet<>();
        for (SigningBackends.Format format : SigningBackends.Format.values()) {
            String base = format.key() + ".";
            keys.add(base + "backend");
            AUTOGRAPH.forEach(k -> keys.add(base + "autograph." + k));
        }
        keys.add(SigningBackends.Format.GPG.key() + ".autograph.public-key");
        keys.add(SigningBackends.Format.AUTHENTICODE.key() + ".autograph.certificates");
        for (String full : List.of(MacSigningConfig.BACKEND, MacSigningConfig.SIGN_COMMAND,
                MacSigningConfig.NOTARIZE_COMMAND, MacSigningConfig.TIMEOUT, MacSigningConfig.NOTARIZE_TIMEOUT,
                MacSigningConfig.SECRET_VALUES)) {
            keys.add(relative(full));
        }
        Map<String, String> flat = settings.flat(keys);
        List<String> valueKeys = new ArrayList<>();
        for (String name : valueNames(flat)) {
            valueKeys.add(relative(MacSigningConfig.VALUE_PREFIX) + name);
        }
        Map<String, String> all = new java.util.TreeMap<>(flat);
        all.putAll(settings.flat(valueKeys));
        return all;
    }

    /** The placeholders of the mac command templates and the names in {@code secret-values}. */
    private static Set<String> valueNames(Map<String, String> flat) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : List.of(MacSigningConfig.SIGN_COMMAND, MacSigningConfig.NOTARIZE_COMMAND)) {
            String template = flat.get(key);
            if (template != null) {
                try {
                    names.addAll(CommandTemplate.parse(template).placeholders());
                } catch (IllegalArgumentException e) {
                    // MacSigningConfig reports a malformed template with its key; nothing to look up here
                }
            }
        }
        for (String name : flat.getOrDefault(MacSigningConfig.SECRET_VALUES, "").split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        names.removeIf(name -> !name.matches("[a-z][a-z0-9_]*")); // MacSigningConfig names the bad ones
        return names;
    }

    private static String relative(String fullKey) {
        if (!fullKey.startsWith(PREFIX)) {
            throw new IllegalArgumentException(fullKey + " is not a " + PREFIX + "* key");
        }
        return fullKey.substring(PREFIX.length());
    }
}
