package io.pipeline.lead.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A rejected or disqualified lead goes back to nurturing. {@code expectedVersion} is the version the client read
 * (If-Match); null skips the check.
 */
public record RecycleLead(@TargetAggregateIdentifier String leadId, Long expectedVersion,
                          Instant occurredAt, String actor) implements LeadCommand {
}
