package io.pipeline.opportunity.api;

import java.time.Instant;

public record DealDeferred(Deal deal, String previousStage, String previousForecastCategory, String reason, Instant occurredAt, String actor) implements DealChanged {

    @Override
    public <R> R accept(DealEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
