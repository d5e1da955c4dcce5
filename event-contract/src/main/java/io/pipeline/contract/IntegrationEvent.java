package io.pipeline.contract;

import java.time.Instant;

/**
 * An event of the public contract. Each carries the business time it happened ({@code occurredAt}), who did it
 * ({@code actor}), and the state of its lead or deal after the change, so that a consumer needs no other source.
 */
public sealed interface IntegrationEvent permits LeadEvent, OpportunityEvent, PeriodEvent, PlanEvent {

    /** The aggregate id: the Kafka record key and CloudEvents subject. */
    String subject();

    Instant occurredAt();

    String actor();

    /** The topic this event is published on. */
    String topic();
}
