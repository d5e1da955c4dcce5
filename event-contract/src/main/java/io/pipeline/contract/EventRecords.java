package io.pipeline.contract;

import java.nio.charset.StandardCharsets;
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
        return new ProducerRecord<>(type.topic(), null, event.subject(), codec.write(event), headers);
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
