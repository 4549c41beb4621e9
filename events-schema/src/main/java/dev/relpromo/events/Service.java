package dev.relpromo.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who completes a task: one of the six worker services, the graph itself (pseudo-kinds such as the Linux
 * chunking dummy) or the outside world (the build's signing tasks, completed by build-completed events).
 */
public enum Service {
    REPACK, SIGNING, REPACKAGE, BEETMOVER, CHECKSUMS, BALROG, GRAPH, EXTERNAL;

    /** The services that consume a work topic and publish a results topic. */
    public static final java.util.List<Service> WORKERS =
            java.util.List.of(REPACK, SIGNING, REPACKAGE, BEETMOVER, CHECKSUMS, BALROG);

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isWorker() {
        return WORKERS.contains(this);
    }

    @JsonCreator
    public static Service of(String id) {
        for (Service s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service '" + id + "'");
    }
}
