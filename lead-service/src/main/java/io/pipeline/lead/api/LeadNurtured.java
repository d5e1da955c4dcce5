package io.pipeline.lead.api;

import java.time.Instant;

/** Marketing nurtures the lead (new, or an MQL that was not ready). */
public record LeadNurtured(String leadId, LeadProfile profile, LeadState previousState, Instant occurredAt, String actor)
        implements LeadLifecycleEvent {

    @Override
    public LeadState state() {
        return LeadState.NURTURING;
    }

    @Override
    public <R> R accept(LeadLifecycleEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
