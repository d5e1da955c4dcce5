package io.pipeline.lead.api;

import java.time.Instant;

/** The AE turned the lead down. */
public record LeadRejected(String leadId, LeadProfile profile, LeadState previousState, String reason, Instant occurredAt, String actor)
        implements LeadLifecycleEvent {

    @Override
    public LeadState state() {
        return LeadState.REJECTED;
    }

    @Override
    public <R> R accept(LeadLifecycleEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
