package io.pipeline.lead.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The AE turns the lead down. {@code expectedVersion} is the version the client read (If-Match); null skips the
 * check.
 */
public record RejectLead(@TargetAggregateIdentifier String leadId, Long expectedVersion,
                         String reason, Instant occurredAt, String actor) implements LeadCommand {
}
