package dev.relpromo.balrog.mar;

/** The file is not a well-formed MAR; the message names the file and the problem. */
public final class InvalidMarException extends Exception {
    public InvalidMarException(String message) {
        super(message);
    }
}
