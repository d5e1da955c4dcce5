package io.pipeline.lead.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A new lead; capturing an id that exists already changes nothing. */
public record CaptureLead(@TargetAggregateIdentifier String leadId, LeadProfile profile, String personName,
                          String email, String jobTitle, Integer score, Instant occurredAt, String actor) {
}
