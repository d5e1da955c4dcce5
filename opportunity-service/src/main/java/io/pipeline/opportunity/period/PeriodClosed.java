package io.pipeline.opportunity.period;

import io.pipeline.platform.period.PeriodDecision;
import java.time.Instant;

/** @param at when it was closed; {@code actor} who closed it; {@code reason} as they said it, may be null */
public record PeriodClosed(String period, String reason, Instant at, String actor) implements FiscalPeriodEvent {

    public PeriodDecision decision() {
        return new PeriodDecision(period, true, at, actor, reason);
    }

    @Override
    public <R> R accept(FiscalPeriodEvent.Visitor<R> visitor) {
        return visitor.visit(this);
    }
}
