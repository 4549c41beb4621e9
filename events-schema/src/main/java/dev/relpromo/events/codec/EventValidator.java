package dev.relpromo.events.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Validates event values against the JSON Schemas (draft 2020-12) shipped in this module. */
public final class EventValidator {
    /** Where the schemas say they live ({@code $id}); mapped to this module's resources so {@code $ref}s resolve offline. */
    static final String ID_PREFIX = "https://relpromo.dev/schemas/";
    private static final String RESOURCE_PREFIX = "schemas/";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(ID_PREFIX, "classpath:" + RESOURCE_PREFIX)));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** Validates against the current version of the type's schema. */
    public void validate(EventType type, JsonNode value) {
        validate(type, type.version(), value);
    }

    public void validate(EventType type, int version, JsonNode value) {
        List<String> errors = errors(type, version, value);
        if (!errors.isEmpty()) {
            throw new InvalidEventException("relpromo." + type.schemaName() + ".v" + version + " does not match its schema: " + String.join("; ", errors));
        }
    }

    /** Schema violations, each naming the field (JSON path) it concerns. Empty when valid. */
    public List<String> errors(EventType type, int version, JsonNode value) {
        Schema schema = schemas.computeIfAbsent(type.schemaResource(version), this::load);
        List<Error> errors = schema.validate(value);
        return errors.stream().map(EventValidator::describe).sorted().collect(Collectors.toList());
    }

    private static String describe(Error e) {
        String location = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
        String message = e.getMessage();
        if (!location.isEmpty() && message.startsWith(location)) {
            message = message.substring(location.length()).replaceFirst("^:\\s*", "");
        }
        return "field " + (location.isEmpty() ? "/" : location) + ": " + message;
    }

    private Schema load(String resource) {
        if (EventValidator.class.getClassLoader().getResource(resource) == null) {
            throw new IllegalStateException("schema resource " + resource + " is missing");
        }
        // loaded by its id, so that relative and absolute $refs to the shared definitions resolve
        return registry.getSchema(SchemaLocation.of(ID_PREFIX + resource.substring(RESOURCE_PREFIX.length())));
    }
}
