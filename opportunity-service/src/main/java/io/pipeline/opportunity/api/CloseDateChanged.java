package io.pipeline.opportunity.api;

import java.time.Instant;
import java.time.LocalDate;

public record CloseDateChanged(Deal deal, LocalDate previousCloseDate, Instant occurredAt, String actor) implements DealChanged {

    @Override
    public <R> R accept(DealEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
