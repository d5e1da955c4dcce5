package io.pipeline.opportunity.api;

import java.time.Instant;

/** A change to an existing deal: who asks, when it happened in business time, and which version they saw. */
public interface DealCommand {

    String opportunityId();

    Long expectedVersion();

    Instant occurredAt();

    String actor();
}
