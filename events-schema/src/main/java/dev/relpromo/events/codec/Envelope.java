package dev.relpromo.events.codec;

import java.time.Instant;
import java.util.Objects;

/**
 * A decoded event: the CloudEvents attributes and the domain record. {@code subject} is the release name.
 */
public record Envelope<T>(EventType type, String id, String source, Instant time, String subject, String traceparent,
                          T data) {
    public Envelope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    @SuppressWarnings("unchecked")
    public <R> R as(Class<R> type) {
        if (!type.isInstance(data)) {
            throw new IllegalStateException("event " + id + " is a " + this.type.ceType() + ", not a " + type.getSimpleName());
        }
        return (R) data;
    }
}
