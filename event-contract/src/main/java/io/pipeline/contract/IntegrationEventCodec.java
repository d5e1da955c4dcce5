package io.pipeline.contract;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of integration events. Readers ignore fields they do not know, so adding a field never breaks a
 * consumer; a record that cannot be read raises {@link UnreadableEventException} with the reason.
 */
public final class IntegrationEventCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public byte[] write(IntegrationEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    public IntegrationEvent read(String typeName, byte[] json) {
        EventType type = EventType.named(typeName).orElseThrow(() -> new UnreadableEventException(
                typeName == null ? "missing event type header " + EventHeaders.TYPE : "unknown event type " + typeName));
        if (json == null || json.length == 0) {
            throw new UnreadableEventException("empty value for event type " + typeName);
        }
        try {
            IntegrationEvent event = mapper.readValue(json, type.javaType());
            if (event.subject() == null || event.occurredAt() == null) {
                throw new UnreadableEventException(typeName + " lacks its subject or occurredAt");
            }
            return event;
        } catch (JacksonException e) {
            throw new UnreadableEventException("malformed " + typeName + ": " + e.getOriginalMessage());
        } catch (NullPointerException e) {
            throw new UnreadableEventException(typeName + " lacks a required part: " + e.getMessage());
        }
    }

    public static final class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String reason) {
            super(reason);
        }
    }
}
