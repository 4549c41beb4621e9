package dev.relpromo.kit.failure;

/** A failure worth retrying (a server that is down, a network error). */
public class TransientTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransientTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
