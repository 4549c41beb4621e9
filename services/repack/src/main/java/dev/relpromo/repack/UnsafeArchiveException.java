package dev.relpromo.repack;

import dev.relpromo.kit.failure.TaskFailureException;

/**
 * An archive (or sub-config snapshot) entry that could write outside the directory it is extracted into: an
 * absolute path, a {@code ..} component, a link that leaves the archive root. Retrying cannot fix the input, so
 * the task fails at once; the message names the entry.
 */
public class UnsafeArchiveException extends TaskFailureException {
    private static final long serialVersionUID = 1L;

    public UnsafeArchiveException(String message) {
        super(message);
    }
}
