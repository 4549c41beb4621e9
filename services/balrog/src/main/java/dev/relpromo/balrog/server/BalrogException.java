package dev.relpromo.balrog.server;

/** A request the server refuses, with the HTTP status Balrog answers it with (400, 401, 403, 404, 409). */
public final class BalrogException extends RuntimeException {
    private final int status;

    public BalrogException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static BalrogException notFound(String what) {
        return new BalrogException(404, what + " not found");
    }

    public static BalrogException conflict(String message) {
        return new BalrogException(409, message);
    }

    public static BalrogException badRequest(String message) {
        return new BalrogException(400, message);
    }
}
