package io.pipeline.opportunity.period;

import io.pipeline.platform.period.PeriodDecision;
import java.time.Instant;

/** @param at when it was reopened; {@code actor} who reopened it; {@code reason} as they said it, may be null */
public record PeriodReopened(String period, String reason, Instant at, String actor) {

    public PeriodDecision decision() {
        return new PeriodDecision(period, false, at, actor, reason);
    }
}
