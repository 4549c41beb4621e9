package dev.relpromo.signing.command;

import dev.relpromo.kit.failure.TaskFailureException;

/**
 * An external tool that could not start, exited non-zero or timed out. The message is already redacted and
 * includes the tail of the tool's output; {@link #output()} is that tail alone.
 */
public final class ExternalCommandException extends TaskFailureException {
    private static final long serialVersionUID = 1L;

    /** Why the command failed. */
    public enum Reason { START_FAILED, EXIT_CODE, TIMEOUT }

    private final Reason reason;
    private final int exitCode;
    private final String output;

    ExternalCommandException(String message, Reason reason, int exitCode, String output, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.exitCode = exitCode;
        this.output = output;
    }

    public Reason reason() {
        return reason;
    }

    /** The exit code for {@link Reason#EXIT_CODE}, -1 otherwise. */
    public int exitCode() {
        return exitCode;
    }

    /** The redacted tail of stdout and stderr (interleaved as written), empty when the tool did not start. */
    public String output() {
        return output;
    }
}
