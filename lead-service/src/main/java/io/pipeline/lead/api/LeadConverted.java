package io.pipeline.lead.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The lead became opportunity {@code opportunityId} on the account; opportunity-service opens it from this event.
 */
public record LeadConverted(String leadId, LeadProfile profile, String opportunityId, String accountId,
                            String accountName, String opportunityName, BigDecimal amount, String currency,
                            LocalDate closeDate, Instant occurredAt, String actor)
        implements LeadLifecycleEvent {

    @Override
    public LeadState state() {
        return LeadState.CONVERTED;
    }

    @Override
    public <R> R accept(LeadLifecycleEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
