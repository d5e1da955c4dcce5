package io.pipeline.lead.api;

import java.time.Instant;
import java.util.Map;

/** An SDR qualified the lead, with the answers as evidence. */
public record LeadQualified(String leadId, LeadProfile profile, QualificationFramework framework,
                            Map<String, String> answers, Instant occurredAt, String actor)
        implements LeadLifecycleEvent {

    @Override
    public LeadState state() {
        return LeadState.SQL;
    }

    @Override
    public <R> R accept(LeadLifecycleEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
