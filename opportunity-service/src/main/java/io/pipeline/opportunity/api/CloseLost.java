package io.pipeline.opportunity.api;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param reason a {@link LossReason}; {@code competitor} only with COMPETITION
 * <p>{@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check.
 */
public record CloseLost(@TargetAggregateIdentifier String opportunityId, String reason, String competitor, LocalDate closeDate, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
