package dev.relpromo.kit.store;

import dev.relpromo.events.Artifact;

/** An object in the artifact store with its size and digests. */
public record StoredObject(String key, long size, String sha512, String sha256) {
    public Artifact asArtifact(String name) {
        return Artifact.stored(name, key, sha512, size);
    }
}
