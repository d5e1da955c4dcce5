package io.pipeline.forecast.consumer;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.contract.IntegrationEventCodec.UnreadableEventException;
import io.pipeline.forecast.projection.EventMeta;
import io.pipeline.forecast.projection.Incoming;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a record's event and its headers' id, sequence and type; an unreadable one raises the reason. */
public final class RecordDecoder {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    public Incoming<IntegrationEvent> decode(ConsumerRecord<byte[], byte[]> record) {
        String type = header(record, EventHeaders.TYPE);
        IntegrationEvent event = codec.read(type, record.value());
        return new Incoming<>(event, new EventMeta(required(record, EventHeaders.ID), sequence(record), type));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(ConsumerRecord<?, ?> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("missing header " + name);
        }
        return value;
    }

    private static long sequence(ConsumerRecord<?, ?> record) {
        String value = required(record, EventHeaders.SEQUENCE);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UnreadableEventException("header " + EventHeaders.SEQUENCE + " is not a number: " + value);
        }
    }
}
