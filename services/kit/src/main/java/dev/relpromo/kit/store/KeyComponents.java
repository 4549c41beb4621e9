package dev.relpromo.kit.store;

import dev.relpromo.kit.failure.TaskFailureException;
import java.util.regex.Pattern;

/**
 * Checks of the task parameters that become components of store keys (product, version, partner, sub-config,
 * locale, ...): each must be a plain path component, so a hostile or broken parameter can neither address another
 * key nor leave the store. A failed check fails the task (retrying cannot fix a parameter).
 */
public final class KeyComponents {
    private static final Pattern SAFE_COMPONENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    private KeyComponents() {
    }

    /**
     * {@code value} if it is a safe component.
     *
     * @param owner what the value belongs to, for the message ({@code "repack task Firefox-.../x"})
     */
    public static String require(String owner, String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new TaskFailureException(owner + " has no " + field);
        }
        if (!SAFE_COMPONENT.matcher(value).matches()) {
            throw new TaskFailureException(owner + " has " + field + " '" + value
                    + "', which is not a safe path component (letters, digits, '.', '_', '+', '-')");
        }
        return value;
    }

    /** {@code value} if it is 1 or more (build numbers, partner build numbers). */
    public static int positive(String owner, String field, int value) {
        if (value < 1) {
            throw new TaskFailureException(owner + " has no positive " + field + " (got " + value + ")");
        }
        return value;
    }
}
