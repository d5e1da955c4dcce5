package io.pipeline.opportunity.api;

import java.math.BigDecimal;
import java.time.Instant;

public record AmountChanged(Deal deal, BigDecimal previousAmount, String previousCurrency, Instant occurredAt, String actor) implements DealChanged {

    @Override
    public <R> R accept(DealEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
