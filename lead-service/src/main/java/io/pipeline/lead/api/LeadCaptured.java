package io.pipeline.lead.api;

import java.time.Instant;

/** A lead entered the funnel. */
public record LeadCaptured(String leadId, LeadProfile profile, String personName, String email, String jobTitle,
                           Integer score, Instant occurredAt, String actor)
        implements LeadLifecycleEvent {

    @Override
    public LeadState state() {
        return LeadState.CAPTURED;
    }

    @Override
    public <R> R accept(LeadLifecycleEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
