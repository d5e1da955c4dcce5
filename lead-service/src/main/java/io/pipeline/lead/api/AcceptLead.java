package io.pipeline.lead.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An AE accepted the lead and owns it from now on; team and region default to the current ones. {@code
 * expectedVersion} is the version the client read (If-Match); null skips the check.
 */
public record AcceptLead(@TargetAggregateIdentifier String leadId, Long expectedVersion,
                         String aeId, String teamId, String regionId, Instant occurredAt, String actor) implements LeadCommand {
}
