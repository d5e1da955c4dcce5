package io.pipeline.lead.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves a new lead, or an MQL that is not ready yet, to nurturing. {@code expectedVersion} is the version the
 * client read (If-Match); null skips the check.
 */
public record NurtureLead(@TargetAggregateIdentifier String leadId, Long expectedVersion,
                          Instant occurredAt, String actor) implements LeadCommand {
}
