package io.pipeline.opportunity.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves an open deal forward to a later stage of its process.
 * <p>{@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check.
 */
public record AdvanceStage(@TargetAggregateIdentifier String opportunityId, String stage, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
