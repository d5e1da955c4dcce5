package io.pipeline.opportunity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An open of an id that is already taken (a retried request, a redelivered conversion): answers the deal as it is. */
public record RepeatOpen(@TargetAggregateIdentifier String opportunityId) {
}
