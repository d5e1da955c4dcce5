package io.pipeline.lead.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Marketing thinks the lead is worth a call; the score is optional. {@code expectedVersion} is the version the
 * client read (If-Match); null skips the check.
 */
public record MarkLeadMarketingQualified(@TargetAggregateIdentifier String leadId,
                                         Long expectedVersion, Integer score,
                                         Instant occurredAt, String actor) implements LeadCommand {
}
