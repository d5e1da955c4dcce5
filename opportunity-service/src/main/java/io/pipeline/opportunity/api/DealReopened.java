package io.pipeline.opportunity.api;

import java.time.Instant;

public record DealReopened(Deal deal, String previousStatus, Instant occurredAt, String actor) implements DealChanged {

    @Override
    public <R> R accept(DealEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
