package dev.relpromo.events.params;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.relpromo.events.Service;

/**
 * What a task needs to know besides its upstream results, typed by the service that completes it: a new kind's
 * fields touch only its own service's record and schema ({@code schemas/params/<service>/v1.schema.json}).
 *
 * <p>On the wire the record is an object with a {@code type} naming the service ({@code "type": "repack"}). Events
 * written before parameters were typed carry one flat object without {@code type}; they read as
 * {@link LegacyTaskParams}, which {@link dev.relpromo.events.TaskDefined} turns into the typed record of its
 * service, so no code past the codec ever sees the old shape.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type",
        defaultImpl = LegacyTaskParams.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = BuildParams.class, name = "external"),
        @JsonSubTypes.Type(value = RepackParams.class, name = "repack"),
        @JsonSubTypes.Type(value = SigningParams.class, name = "signing"),
        @JsonSubTypes.Type(value = RepackageParams.class, name = "repackage"),
        @JsonSubTypes.Type(value = GraphParams.class, name = "graph"),
        @JsonSubTypes.Type(value = BeetmoverParams.class, name = "beetmover"),
        @JsonSubTypes.Type(value = ChecksumsParams.class, name = "checksums")})
public sealed interface TaskParams
        permits BuildParams, RepackParams, SigningParams, RepackageParams, GraphParams, BeetmoverParams,
        ChecksumsParams, LegacyTaskParams {

    /** The service whose tasks carry this type; {@code null} only for {@link LegacyTaskParams}. */
    @JsonIgnore
    Service service();

    /** The release the task belongs to. */
    ReleaseRef release();

    /** The parameter record of the tasks a service completes. */
    static Class<? extends TaskParams> typeFor(Service service) {
        return switch (service) {
            case EXTERNAL -> BuildParams.class;
            case REPACK -> RepackParams.class;
            case SIGNING -> SigningParams.class;
            case REPACKAGE -> RepackageParams.class;
            case GRAPH -> GraphParams.class;
            case BEETMOVER -> BeetmoverParams.class;
            case CHECKSUMS -> ChecksumsParams.class;
            case BALROG -> throw new IllegalArgumentException("balrog tasks have no parameter type yet");
        };
    }
}
