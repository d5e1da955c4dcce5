package io.pipeline.lead.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The lead is not a fit. {@code expectedVersion} is the version the client read (If-Match); null skips the check. */
public record DisqualifyLead(@TargetAggregateIdentifier String leadId, @TargetAggregateVersion Long expectedVersion,
                             String reason, Instant occurredAt, String actor) {
}
