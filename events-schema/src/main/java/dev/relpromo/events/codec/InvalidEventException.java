package dev.relpromo.events.codec;

/** An event that must not reach domain code: bad headers, unknown type, malformed JSON or a schema violation. */
public class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
