package dev.relpromo.kit.store;

import java.nio.charset.StandardCharsets;

/**
 * File names derived from identifiers (task ids, instance ids) that may hold any character and any length: a
 * readable, sanitised prefix plus a hash of the whole identifier, so two identifiers that sanitise alike still get
 * different names and no name outgrows a file-system limit.
 */
public final class SafeNames {
    private static final int HASH_HEX_CHARS = 16;

    private SafeNames() {
    }

    /**
     * {@code <prefix>-<16 hex chars of sha256(id)>}, where the prefix is {@code id} with every character outside
     * {@code [A-Za-z0-9_-]} replaced by {@code _}, cut to {@code maxPrefix} characters. At most
     * {@code maxPrefix + 17} characters; never contains {@code .} or {@code /}.
     */
    public static String encode(String id, int maxPrefix) {
        String readable = id.replaceAll("[^A-Za-z0-9_-]", "_");
        if (readable.length() > maxPrefix) {
            readable = readable.substring(0, maxPrefix);
        }
        String hash = Digests.hex(Digests.sha256().digest(id.getBytes(StandardCharsets.UTF_8)));
        return readable + "-" + hash.substring(0, HASH_HEX_CHARS);
    }
}
