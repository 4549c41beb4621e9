package dev.relpromo.kit.app;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A service's settings. A key {@code k} of service {@code s} is looked up in this order:
 * <ol>
 *   <li>explicit values (the launcher's command-line options): {@code s.k}, then {@code k};</li>
 *   <li>configuration properties {@code relpromo.s.k}, then {@code relpromo.k} — in the launcher, Micronaut's
 *       environment: each service module's {@code application-<service>.yml} with its defaults, overridden by
 *       environment variables ({@code RELPROMO_S_K}) and system properties, as Micronaut does;</li>
 *   <li>the environment variables {@code RELPROMO_S_K} and {@code RELPROMO_K} (upper case, {@code .} and
 *       {@code -} as {@code _}), for processes without a configuration.</li>
 * </ol>
 * A malformed value is an error naming the key and where it came from.
 */
public final class Settings {
    private final String service;
    private final Map<String, String> values;
    private final Function<String, Optional<String>> properties;
    private final Function<String, String> environment;

    public Settings(String service, Map<String, String> values, Function<String, Optional<String>> properties,
                    Function<String, String> environment) {
        this.service = service;
        this.values = new TreeMap<>(values);
        this.properties = properties;
        this.environment = environment;
    }

    /** Settings from explicit values and the process environment only (no configuration files). */
    public static Settings fromEnvironment(String service, Map<String, String> values) {
        return new Settings(service, values, key -> Optional.empty(), System::getenv);
    }

    /** The same values and configuration for another service (the all-in-one launcher shares them among all). */
    public Settings forService(String other) {
        return new Settings(other, values, properties, environment);
    }

    public String service() {
        return service;
    }

    private record Found(String value, String source) {
    }

    private Optional<Found> find(String key) {
        for (String k : new String[] {service + "." + key, key}) {
            String v = values.get(k);
            if (v != null && !v.isBlank()) {
                return Optional.of(new Found(v.trim(), "setting " + k));
            }
        }
        for (String k : new String[] {"relpromo." + service + "." + key, "relpromo." + key}) {
            Optional<String> v = properties.apply(k).filter(p -> !p.isBlank());
            if (v.isPresent()) {
                return Optional.of(new Found(v.get().trim(), "configuration property " + k));
            }
        }
        for (String k : new String[] {service + "_" + key, key}) {
            String name = "RELPROMO_" + k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            String v = environment.apply(name);
            if (v != null && !v.isBlank()) {
                return Optional.of(new Found(v.trim(), "environment variable " + name));
            }
        }
        return Optional.empty();
    }

    public Optional<String> string(String key) {
        return find(key).map(Found::value);
    }

    public int integer(String key, int defaultValue, int min) {
        Optional<Found> f = find(key);
        if (f.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(f.get().value());
            if (v < min) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f.get().source() + " must be a whole number of at least " + min
                    + ", not '" + f.get().value() + "'");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<Found> f = find(key);
        if (f.isEmpty()) {
            return defaultValue;
        }
        return switch (f.get().value()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(f.get().source() + " must be true or false, not '"
                    + f.get().value() + "'");
        };
    }

    public Optional<Path> path(String key) {
        return string(key).map(Path::of);
    }

    /**
     * The given keys that are set, each found as {@link #string} finds it, keyed by its full property name
     * {@code relpromo.<service>.<key>}: for plain-Java parsers that read flat maps. Configuration properties cannot
     * be listed (the launcher's source only answers lookups), so the caller names the keys it reads.
     */
    public Map<String, String> flat(Collection<String> keys) {
        Map<String, String> flat = new TreeMap<>();
        for (String key : keys) {
            string(key).ifPresent(v -> flat.put("relpromo." + service + "." + key, v));
        }
        return flat;
    }
}
