package dev.relpromo.balrog.client;

/** Balrog refused a request (a 4xx) or kept failing (5xx, connection errors) after every retry. */
public class BalrogClientException extends RuntimeException {
    private final int status;

    public BalrogClientException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or -1 when no response came. */
    public int status() {
        return status;
    }
}
