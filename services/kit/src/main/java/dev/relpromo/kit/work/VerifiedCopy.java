package dev.relpromo.kit.work;

import dev.relpromo.events.Artifact;
import dev.relpromo.kit.failure.TaskFailureException;
import dev.relpromo.kit.store.StoreConflictException;
import dev.relpromo.kit.store.StoredObject;
import java.io.IOException;
import java.util.Optional;

/** How a publishing task copies an upstream artifact into the store, shared by beetmover and checksums. */
public final class VerifiedCopy {
    private VerifiedCopy() {
    }

    /**
     * Streams {@code source} to {@code destination}. A destination that already holds these bytes is left as is;
     * otherwise the copy is verified against the upstream size and sha512 while it streams, inside the store's
     * write, so a mismatch discards it before the store makes it visible. Other bytes at the destination fail the
     * task (published files are written once).
     */
    public static StoredObject publish(Artifact source, String destination, TaskContext context) throws IOException {
        Optional<StoredObject> existing = context.store().stat(destination);
        if (existing.isPresent() && existing.get().sha512().equals(source.sha512())) {
            return existing.get();
        }
        try {
            return context.store().write(destination, out -> {
                try (VerifiedInputStream in = context.resolver().open(source)) {
                    in.transferTo(out);
                    in.verifyRemainder();
                }
            });
        } catch (TaskFailureException | StoreConflictException e) {
            throw new TaskFailureException("not publishing " + destination + ": " + e.getMessage(), e);
        }
    }
}
