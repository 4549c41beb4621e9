package dev.relpromo.kit.pe;

import dev.relpromo.kit.failure.TaskFailureException;

/**
 * The file cannot take an attribution code: not a PE, not signed, signed without the reserved slot, or the code does
 * not fit. Retrying cannot help, so it is a {@link TaskFailureException}.
 */
public final class AttributionSlotException extends TaskFailureException {
    private static final long serialVersionUID = 1L;

    public AttributionSlotException(String message) {
        super(message);
    }
}
