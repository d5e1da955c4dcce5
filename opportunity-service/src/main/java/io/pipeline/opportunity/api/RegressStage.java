package io.pipeline.opportunity.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves an open deal back to an earlier stage of its process.
 * <p>{@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check.
 */
public record RegressStage(@TargetAggregateIdentifier String opportunityId, String stage, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
