package dev.relpromo.signing.autograph;

import java.util.Objects;

/**
 * A Hawk id and its shared key (Autograph's "user" and "key"). {@link #toString()} shows the id only: the key must
 * never reach a log line or an exception message.
 */
public final class HawkCredentials {
    private final String id;
    private final byte[] key;

    public HawkCredentials(String id, String key) {
        if (Objects.requireNonNull(id, "Hawk id").isBlank() || Objects.requireNonNull(key, "Hawk key").isEmpty()) {
            throw new IllegalArgumentException("a Hawk id and key must not be empty (id '" + id + "')");
        }
        this.id = id;
        this.key = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public String id() {
        return id;
    }

    /** The HMAC key: the UTF-8 bytes of the shared key string, as mohawk and Autograph use it. */
    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "HawkCredentials[id=" + id + "]";
    }
}
