package io.pipeline.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the Kafka record of an integration event: key, CloudEvents headers and JSON value. */
public final class EventRecords {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final String source;

    public EventRecords(String source) {
        this.source = source;
    }

    public ProducerRecord<String, byte[]> toRecord(IntegrationEvent event, String eventId, long sequence,
                                                   String correlationId) {
        return toRecord(event, eventId, sequence, correlationId, null, null);
    }

    /**
     * @param recordedAt  when the event was stored, the record's timestamp (null: the producer's clock at send);
     *                    consumers measure how fresh their view is against it
     * @param traceparent the W3C trace context to continue, or null
     */
    public ProducerRecord<String, byte[]> toRecord(IntegrationEvent event, String eventId, long sequence,
                                                   String correlationId, Instant recordedAt, String traceparent) {
        EventType type = EventType.of(event);
        RecordHeaders headers = new RecordHeaders();
        header(headers, EventHeaders.SPEC_VERSION, EventHeaders.SPEC_VERSION_VALUE);
        header(headers, EventHeaders.ID, eventId);
        header(headers, EventHeaders.TYPE, type.name());
        header(headers, EventHeaders.SOURCE, source);
        header(headers, EventHeaders.SUBJECT, event.subject());
        header(headers, EventHeaders.TIME, event.occurredAt().toString());
        header(headers, EventHeaders.SEQUENCE, Long.toString(sequence));
        header(headers, EventHeaders.SCHEMA_VERSION, Integer.toString(type.schemaVersion()));
        header(headers, EventHeaders.CONTENT_TYPE, EventHeaders.JSON);
        if (correlationId != null) {
            header(headers, EventHeaders.CORRELATION_ID, correlationId);
        }
        if (traceparent != null) {
            header(headers, EventHeaders.TRACEPARENT, traceparent);
        }
        return new ProducerRecord<>(type.topic(), null, recordedAt == null ? null : recordedAt.toEpochMilli(),
                event.subject(), codec.write(event), headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
