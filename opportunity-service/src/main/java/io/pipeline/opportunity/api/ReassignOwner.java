package io.pipeline.opportunity.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code expectedVersion}: the version the client last saw ({@code If-Match}), or null to skip the check. */
public record ReassignOwner(@TargetAggregateIdentifier String opportunityId, String ownerId, String teamId, String regionId, Long expectedVersion, Instant occurredAt, String actor)
        implements DealCommand {
}
