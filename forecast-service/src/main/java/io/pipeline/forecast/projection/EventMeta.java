package io.pipeline.forecast.projection;

/** What the record's headers say about the event: its id (for deduplication) and place in its aggregate. */
public record EventMeta(String eventId, long sequence, String type) {
}
