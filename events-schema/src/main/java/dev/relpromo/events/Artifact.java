package dev.relpromo.events;

import java.util.Objects;

/**
 * A file produced or consumed by a task. {@code uri} is either {@code store:<key>} (a key in the artifact store)
 * or an absolute {@code file:}/{@code http(s):} URI for external builds.
 */
public record Artifact(String name, String uri, String sha512, long size) {
    public Artifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
    }

    public static final String STORE_SCHEME = "store:";

    public static Artifact stored(String name, String key, String sha512, long size) {
        return new Artifact(name, STORE_SCHEME + key, sha512, size);
    }

    public boolean inStore() {
        return uri.startsWith(STORE_SCHEME);
    }

    /** The artifact-store key, for artifacts held in the store. */
    public String storeKey() {
        if (!inStore()) {
            throw new IllegalStateException("artifact " + name + " is not in the artifact store: " + uri);
        }
        return uri.substring(STORE_SCHEME.length());
    }
}
