package io.pipeline.opportunity.api;

import java.time.Instant;

public record StageRegressed(Deal deal, String previousStage, String previousForecastCategory, Instant occurredAt, String actor) implements DealChanged {

    @Override
    public <R> R accept(DealEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
