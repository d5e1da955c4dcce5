package io.pipeline.lead.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens an opportunity on an account from an accepted lead. {@code expectedVersion} is the version the client read
 * (If-Match); null skips the check.
 */
public record ConvertLead(@TargetAggregateIdentifier String leadId, Long expectedVersion,
                          String accountId, String accountName, String opportunityName, BigDecimal amount,
                          String currency, LocalDate closeDate, Instant occurredAt, String actor) implements LeadCommand {
}
