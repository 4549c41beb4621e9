package dev.relpromo.kit.store;

/**
 * A second writer of a key produced different bytes than the object already stored there. Objects are written
 * once: deterministic tasks write identical bytes on a rerun, so a difference means two producers disagree (a
 * changed input or tool behind the same key) and retrying cannot resolve it.
 */
public final class StoreConflictException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public StoreConflictException(String key, String existingSha512, String attemptedSha512, String store) {
        super("artifact-store key '" + key + "' in " + store + " already holds different content (sha512 "
                + existingSha512 + "); refusing to replace it with sha512 " + attemptedSha512
                + " (stored objects are written once)");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
