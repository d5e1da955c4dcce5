package io.pipeline.forecast.projection;

/** An event read from a topic with what its record's headers say about it. */
public record Incoming<E>(E event, EventMeta meta) {
}
