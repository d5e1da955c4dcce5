package io.pipeline.lead.api;

import java.time.Instant;

/** A rejected or disqualified lead went back to nurturing. */
public record LeadRecycled(String leadId, LeadProfile profile, LeadState previousState, Instant occurredAt, String actor)
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
