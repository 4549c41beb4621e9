package dev.relpromo.events.topics;

/**
 * How every relpromo topic is replicated: the replication factor, and how many replicas must have a write before
 * an {@code acks=all} producer (every relpromo producer) is told it succeeded.
 */
public record Replication(short factor, short minInsyncReplicas) {
    /** The embedded broker: one node, so one replica. */
    public static final Replication SINGLE_BROKER = new Replication((short) 1, (short) 1);
    /** An external cluster: a write survives the loss of one broker, and one broker may be down for maintenance. */
    public static final Replication CLUSTER = new Replication((short) 3, (short) 2);

    public Replication {
        if (factor < 1) {
            throw new IllegalArgumentException("the replication factor must be at least 1, not " + factor);
        }
        if (minInsyncReplicas < 1) {
            throw new IllegalArgumentException("min.insync.replicas must be at least 1, not " + minInsyncReplicas);
        }
        if (minInsyncReplicas > factor) {
            throw new IllegalArgumentException("min.insync.replicas (" + minInsyncReplicas
                    + ") cannot exceed the replication factor (" + factor + "): no write could ever succeed");
        }
    }

    /**
     * The configured values, each falling back to the default for where Kafka runs; an unset min.insync.replicas
     * never exceeds the configured factor.
     *
     * @param factor            null for the default
     * @param minInsyncReplicas null for the default
     */
    public static Replication of(Integer factor, Integer minInsyncReplicas, boolean embeddedBroker) {
        Replication defaults = embeddedBroker ? SINGLE_BROKER : CLUSTER;
        int f = factor == null ? defaults.factor : factor;
        int min = minInsyncReplicas != null ? minInsyncReplicas : Math.min(defaults.minInsyncReplicas, f);
        return new Replication(toShort("the replication factor", f), toShort("min.insync.replicas", min));
    }

    private static short toShort(String what, int value) {
        if (value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(what + " " + value + " is too large");
        }
        return (short) value;
    }
}
