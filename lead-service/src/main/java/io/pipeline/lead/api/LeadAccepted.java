package io.pipeline.lead.api;

import java.time.Instant;

/** An AE accepted the lead (the start of qualified pipeline) and owns it: see {@link #profile()}. */
public record LeadAccepted(String leadId, LeadProfile profile, String acceptedBy, Instant occurredAt, String actor)
        implements LeadLifecycleEvent {

    @Override
    public LeadState state() {
        return LeadState.SAL;
    }

    @Override
    public <R> R accept(LeadLifecycleEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
