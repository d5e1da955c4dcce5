package io.pipeline.lead.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The lead is not a fit. {@code expectedVersion} is the version the client read (If-Match); null skips the check. */
public record DisqualifyLead(@TargetAggregateIdentifier String leadId, Long expectedVersion,
                             String reason, Instant occurredAt, String actor) implements LeadCommand {
}
