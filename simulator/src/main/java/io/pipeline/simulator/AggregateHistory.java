package io.pipeline.simulator;

import io.pipeline.contract.IntegrationEvent;
import java.util.List;

/** One lead's or deal's events in order: the event at index i has sequence number i. */
public record AggregateHistory(String aggregateId, List<IntegrationEvent> events) {
}
