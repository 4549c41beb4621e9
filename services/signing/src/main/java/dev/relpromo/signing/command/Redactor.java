package dev.relpromo.signing.command;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Replaces secret values with {@value #MASK} in text that reaches a log line or an error message: a rendered
 * command line, a tool's output (tools do echo their arguments), an exception message.
 */
public final class Redactor {
    public static final String MASK = "***";
    /** Setting names with these endings hold secrets (compared case-insensitively). */
    public static final List<String> SECRET_NAME_ENDINGS = List.of("password", "passphrase", "key", "token", "secret");

    private static final Redactor NONE = new Redactor(List.of());
    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Masks every given value; empty values are ignored (there is nothing to hide, and "" would match everywhere). */
    public static Redactor of(Collection<String> secretValues) {
        // longest first, so that a secret containing another one is masked whole
        return new Redactor(secretValues.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    public static Redactor none() {
        return NONE;
    }

    /** Whether a value of that name is secret by its name ({@code p12_password}, {@code api_key}, {@code token}). */
    public static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_NAME_ENDINGS.stream().anyMatch(lower::endsWith);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Redactor[" + secrets.size() + " secrets]"; // never the values
    }
}
