package dev.relpromo.kit.kafka;

/** Another live process already uses this data directory or this instance id: this one must not start. */
public final class InstanceConflictException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InstanceConflictException(String message) {
        super(message);
    }
}
