package dev.relpromo.events.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one way events are written and read. Values are plain domain JSON (snake_case); the envelope is carried in
 * CloudEvents binary-mode headers. Decoding validates headers and the value's schema before any record is built,
 * so an invalid event never reaches domain code.
 */
public final class EventCodec {
    public static final String SPECVERSION = "1.0";

    private static final ObjectMapper MAPPER = newMapper();
    private final EventValidator validator = new EventValidator();
    private final String source;

    /** @param source the {@code ce_source} of events this codec writes, e.g. {@code /relpromo/repack}. */
    public EventCodec(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** The shared JSON mapper: snake_case, nulls omitted, ISO-8601 times, unknown properties tolerated. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper newMapper() {
        ObjectMapper m = new ObjectMapper();
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // Older readers must accept newer compatible versions that add optional fields.
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        return m;
    }

    public <T> Envelope<T> envelope(T data, String subject) {
        return envelope(data, subject, UUID.randomUUID().toString(), null);
    }

    public <T> Envelope<T> envelope(T data, String subject, String id, String traceparent) {
        EventType type = EventType.ofRecord(data.getClass())
                .orElseThrow(() -> new IllegalArgumentException("not an event record: " + data.getClass()));
        return new Envelope<>(type, id, source, Instant.now(), subject, traceparent, data);
    }

    /** Serializes the value, validating it first: a producer never writes an event its consumers would refuse. */
    public byte[] value(Envelope<?> event) {
        JsonNode tree = MAPPER.valueToTree(event.data());
        validator.validate(event.type(), tree);
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Headers headers(Envelope<?> event) {
        RecordHeaders h = new RecordHeaders();
        put(h, CeHeaders.SPECVERSION, SPECVERSION);
        put(h, CeHeaders.ID, event.id());
        put(h, CeHeaders.TYPE, event.type().ceType());
        put(h, CeHeaders.SOURCE, event.source());
        put(h, CeHeaders.TIME, event.time().toString());
        if (event.subject() != null) {
            put(h, CeHeaders.SUBJECT, event.subject());
        }
        put(h, CeHeaders.DATASCHEMA, event.type().schemaResource(event.type().version()));
        put(h, CeHeaders.CONTENT_TYPE, CeHeaders.JSON);
        if (event.traceparent() != null) {
            put(h, CeHeaders.TRACEPARENT, event.traceparent());
        }
        return h;
    }

    public ProducerRecord<String, byte[]> record(String topic, String key, Envelope<?> event) {
        return new ProducerRecord<>(topic, null, key, value(event), headers(event));
    }

    /** Builds an envelope for the data and the record for it in one step. */
    public ProducerRecord<String, byte[]> record(String topic, String key, Object data, String subject) {
        return record(topic, key, envelope(data, subject));
    }

    public Envelope<?> decode(ConsumerRecord<?, byte[]> record) {
        return decode(record.headers(), record.value());
    }

    /** Decodes and validates; throws {@link InvalidEventException} naming the header or field at fault. */
    public Envelope<?> decode(Headers headers, byte[] value) {
        String ceType = required(headers, CeHeaders.TYPE);
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new InvalidEventException("unknown event type in header ce_type: '" + ceType + "'"));
        String specversion = required(headers, CeHeaders.SPECVERSION);
        if (!SPECVERSION.equals(specversion)) {
            throw new InvalidEventException("header ce_specversion is '" + specversion + "', expected 1.0");
        }
        String id = required(headers, CeHeaders.ID);
        String src = required(headers, CeHeaders.SOURCE);
        Instant time;
        String timeText = required(headers, CeHeaders.TIME);
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("header ce_time is not an RFC 3339 time: '" + timeText + "'");
        }
        String contentType = header(headers, CeHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(CeHeaders.JSON)) {
            throw new InvalidEventException("header content-type is '" + contentType + "', expected application/json");
        }
        Object data = decodeData(type, EventType.versionOf(ceType), value);
        return new Envelope<>(type, id, src, time, header(headers, CeHeaders.SUBJECT),
                header(headers, CeHeaders.TRACEPARENT), data);
    }

    /** Parses and validates a value of a known type at its current version. */
    public Object decodeData(EventType type, byte[] value) {
        return decodeData(type, type.version(), value);
    }

    /** Parses and validates a value of a known type written at {@code version} (older fields read as absent). */
    public Object decodeData(EventType type, int version, byte[] value) {
        if (value == null) {
            throw new InvalidEventException(type.ceType() + " has no value");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new InvalidEventException(type.ceType() + " value is not JSON: " + e.getMessage());
        }
        validator.validate(type, version, tree);
        try {
            return MAPPER.treeToValue(tree, type.recordType());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidEventException(type.ceType() + " value cannot be read: " + e.getMessage(), e);
        }
    }

    public static String header(Headers headers, String name) {
        Header h = headers == null ? null : headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String v = header(headers, name);
        if (v == null || v.isEmpty()) {
            throw new InvalidEventException("header " + name + " is missing");
        }
        return v;
    }

    private static void put(Headers h, String name, String value) {
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON of any value with the event mapper (for status APIs and tests). */
    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
