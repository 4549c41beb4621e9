package dev.relpromo.kit.failure;

/** A failure that retrying cannot fix: the task fails at once with this message. */
public class TaskFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskFailureException(String message) {
        super(message);
    }

    public TaskFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
