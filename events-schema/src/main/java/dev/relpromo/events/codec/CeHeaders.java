package dev.relpromo.events.codec;

/** Kafka header names: CloudEvents 1.0 Kafka binding, binary mode, plus trace and dead-letter headers. */
public final class CeHeaders {
    private CeHeaders() {
    }

    public static final String SPECVERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String DATASCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";
    public static final String JSON = "application/json";

    /** Dead-letter headers: why the record was refused and where it came from. */
    public static final String DLQ_REASON = "relpromo_dlq_reason";
    public static final String DLQ_ERROR_TYPE = "relpromo_dlq_error_type";
    public static final String DLQ_TOPIC = "relpromo_dlq_topic";
    public static final String DLQ_PARTITION = "relpromo_dlq_partition";
    public static final String DLQ_OFFSET = "relpromo_dlq_offset";
    public static final String DLQ_SERVICE = "relpromo_dlq_service";
}
