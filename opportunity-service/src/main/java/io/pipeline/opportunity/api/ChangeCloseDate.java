package io.pipeline.opportunity.api;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check. */
public record ChangeCloseDate(@TargetAggregateIdentifier String opportunityId, LocalDate closeDate, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
