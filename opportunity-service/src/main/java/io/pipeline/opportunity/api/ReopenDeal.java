package io.pipeline.opportunity.api;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param stage     the open stage to return to; the stage it was closed from when null
 * @param closeDate the new close date; unchanged when null
 * <p>{@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check.
 */
public record ReopenDeal(@TargetAggregateIdentifier String opportunityId, String stage, LocalDate closeDate, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
