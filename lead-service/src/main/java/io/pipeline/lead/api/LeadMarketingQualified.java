package io.pipeline.lead.api;

import java.time.Instant;

/** Marketing thinks the lead is worth a call. */
public record LeadMarketingQualified(String leadId, LeadProfile profile, Integer score, Instant occurredAt, String actor)
        implements LeadLifecycleEvent {

    @Override
    public LeadState state() {
        return LeadState.MQL;
    }

    @Override
    public <R> R accept(LeadLifecycleEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
