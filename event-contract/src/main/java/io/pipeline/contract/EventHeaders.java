package io.pipeline.contract;

/**
 * Kafka record headers in the CloudEvents Kafka protocol binding's binary mode ({@code ce_} prefix); the record
 * value is the event's JSON data. All header values are UTF-8 strings.
 */
public final class EventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    /** The event id; a re-sent event keeps it, so consumers deduplicate on it. */
    public static final String ID = "ce_id";
    /** {@link EventType#name()}, e.g. {@code pipeline.opportunity.StageAdvanced}. */
    public static final String TYPE = "ce_type";
    /** The service that recorded the event, e.g. {@code /opportunity-service}. */
    public static final String SOURCE = "ce_source";
    /** The aggregate id, also the record key. */
    public static final String SUBJECT = "ce_subject";
    /** Business time the event happened (ISO-8601), not the time it was recorded. */
    public static final String TIME = "ce_time";
    /** Position of the event in its aggregate's stream, from 0, without gaps. */
    public static final String SEQUENCE = "ce_sequence";
    /** Schema version of the data; see docs/events/EVOLUTION.md. */
    public static final String SCHEMA_VERSION = "ce_schemaversion";
    /** Correlation id of the request that caused the event. */
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CONTENT_TYPE = "content-type";
    /**
     * W3C Trace Context of the request that caused the event (the relay's publish span as parent), when it was
     * traced: a consumer continuing it joins one trace from the HTTP request to its own handling. Not a
     * CloudEvents attribute (no {@code ce_} prefix): it is the W3C header name, which tracing tools read as is.
     */
    public static final String TRACEPARENT = "traceparent";

    /** Dead-letter headers: why the record could not be read and where it came from. */
    public static final String DLT_REASON = "dlt_reason";
    public static final String DLT_SOURCE_TOPIC = "dlt_source_topic";
    public static final String DLT_SOURCE_PARTITION = "dlt_source_partition";
    public static final String DLT_SOURCE_OFFSET = "dlt_source_offset";
    public static final String DLT_CONSUMER = "dlt_consumer";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private EventHeaders() {
    }
}
