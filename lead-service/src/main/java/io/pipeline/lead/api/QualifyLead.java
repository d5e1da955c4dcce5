package io.pipeline.lead.api;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An SDR qualified the lead; the answers are keyed by {@link QualificationFramework#questions()}.
 * {@code expectedVersion} is the version the client read (If-Match); null skips the check.
 */
public record QualifyLead(@TargetAggregateIdentifier String leadId, Long expectedVersion,
                          QualificationFramework framework, Map<String, String> answers, Instant occurredAt,
                          String actor) implements LeadCommand {
}
