package io.pipeline.eventsourcing.history;

/**
 * One field an event changed: its value before and after, as text (amounts as decimal strings, dates and instants
 * in ISO-8601), null where the field had or has no value.
 */
public record FieldChange(String field, String from, String to) {
}
