package io.pipeline.opportunity.api;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The buyer postponed; the deal may be reopened.
 * <p>{@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check.
 */
public record DeferDeal(@TargetAggregateIdentifier String opportunityId, String reason, LocalDate closeDate, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
