package dev.relpromo.kit.store;

import java.util.regex.Pattern;

/**
 * Artifact-store keys are relative, slash-separated paths. Anything that could address a file outside the store
 * (absolute paths, {@code ..}, backslashes, empty or dot components, control characters) is refused, and so is a
 * file name starting with {@code .}: the store keeps its temporary files and digest sidecars under such names.
 */
public final class StoreKeys {
    private StoreKeys() {
    }

    private static final Pattern BAD_CHARS = Pattern.compile("[\\\\\\x00-\\x1f\\x7f]");

    public static String validate(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("artifact-store key is empty");
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("artifact-store key '" + key + "' must be relative and name a file");
        }
        if (BAD_CHARS.matcher(key).find()) {
            throw new IllegalArgumentException("artifact-store key '" + key + "' contains a backslash or control character");
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("artifact-store key '" + key + "' has an empty, '.' or '..' component");
            }
        }
        if (key.substring(key.lastIndexOf('/') + 1).startsWith(".")) {
            throw new IllegalArgumentException("artifact-store key '" + key + "' names a hidden file (starting with"
                    + " '.'), which the store reserves for its temporary files and digests");
        }
        return key;
    }

    public static String join(String... parts) {
        return validate(String.join("/", parts));
    }
}
