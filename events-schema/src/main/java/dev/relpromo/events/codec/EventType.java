package dev.relpromo.events.codec;

import dev.relpromo.events.BuildCompleted;
import dev.relpromo.events.GraphSealed;
import dev.relpromo.events.PhaseCompleted;
import dev.relpromo.events.PhaseStatus;
import dev.relpromo.events.PromotionRequested;
import dev.relpromo.events.RerunRequested;
import dev.relpromo.events.TaskCompleted;
import dev.relpromo.events.TaskDefined;
import dev.relpromo.events.TaskFailed;
import dev.relpromo.events.WorkItem;
import java.util.Optional;

/**
 * Every event type with its CloudEvents {@code ce_type}, the schema it must validate against and the record that
 * carries it. The version is part of the type: a breaking change is a new type, a compatible one a new schema
 * version that must accept every older example (see {@code SchemaCompatibilityTest}). Events are written at the
 * current version; events of every older version ({@code relpromo.<name>.v1} up to the current one) are still read,
 * each validated against the schema of its own version.
 */
public enum EventType {
    BUILD_COMPLETED("build.completed", 1, BuildCompleted.class),
    PROMOTION_REQUESTED("promotion.requested", 2, PromotionRequested.class),
    TASK_DEFINED("task.defined", 3, TaskDefined.class),
    GRAPH_SEALED("graph.sealed", 2, GraphSealed.class),
    WORK_ITEM("work.item", 3, WorkItem.class),
    TASK_COMPLETED("task.completed", 1, TaskCompleted.class),
    TASK_FAILED("task.failed", 1, TaskFailed.class),
    PHASE_STATUS("phase.status", 2, PhaseStatus.class),
    PHASE_COMPLETED("phase.completed", 2, PhaseCompleted.class),
    RERUN_REQUESTED("rerun.requested", 1, RerunRequested.class);

    private final String name;
    private final int version;
    private final Class<?> recordType;

    EventType(String name, int version, Class<?> recordType) {
        this.name = name;
        this.version = version;
        this.recordType = recordType;
    }

    /** {@code relpromo.task.completed.v1}. */
    public String ceType() {
        return "relpromo." + name + ".v" + version;
    }

    /** Short name used for schema and example folders: {@code task.completed}. */
    public String schemaName() {
        return name;
    }

    public int version() {
        return version;
    }

    public Class<?> recordType() {
        return recordType;
    }

    /** Classpath resource of the JSON Schema of this type at a version. */
    public String schemaResource(int v) {
        return "schemas/" + name + "/v" + v + ".schema.json";
    }

    /** The type of a {@code ce_type} of any version from 1 up to the type's current one. */
    public static Optional<EventType> ofCeType(String ceType) {
        return Optional.ofNullable(versioned(ceType)).map(Versioned::type);
    }

    /** The version a {@code ce_type} names (see {@link #ofCeType}); 0 when it is not a known type and version. */
    public static int versionOf(String ceType) {
        Versioned v = versioned(ceType);
        return v == null ? 0 : v.version();
    }

    private record Versioned(EventType type, int version) {
    }

    private static Versioned versioned(String ceType) {
        if (ceType == null) {
            return null;
        }
        for (EventType t : values()) {
            String prefix = "relpromo." + t.name + ".v";
            if (ceType.startsWith(prefix)) {
                String digits = ceType.substring(prefix.length());
                if (!digits.matches("[1-9]\\d{0,3}")) {
                    return null;
                }
                int v = Integer.parseInt(digits);
                return v <= t.version ? new Versioned(t, v) : null;
            }
        }
        return null;
    }

    public static Optional<EventType> ofRecord(Class<?> type) {
        for (EventType t : values()) {
            if (t.recordType.equals(type)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
