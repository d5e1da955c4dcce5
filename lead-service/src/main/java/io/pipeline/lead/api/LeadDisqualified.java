package io.pipeline.lead.api;

import java.time.Instant;

/** The lead is not a fit. */
public record LeadDisqualified(String leadId, LeadProfile profile, LeadState previousState, String reason, Instant occurredAt, String actor)
        implements LeadLifecycleEvent {

    @Override
    public LeadState state() {
        return LeadState.DISQUALIFIED;
    }

    @Override
    public <R> R accept(LeadLifecycleEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
