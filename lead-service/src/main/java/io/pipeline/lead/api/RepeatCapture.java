package io.pipeline.lead.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A capture of an id that is already taken (a retried request): answers the lead as it is. */
public record RepeatCapture(@TargetAggregateIdentifier String leadId) {
}
