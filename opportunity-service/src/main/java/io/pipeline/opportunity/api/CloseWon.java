package io.pipeline.opportunity.api;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param closeDate the business date of the close unless the client said otherwise
 * <p>{@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check.
 */
public record CloseWon(@TargetAggregateIdentifier String opportunityId, LocalDate closeDate, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
