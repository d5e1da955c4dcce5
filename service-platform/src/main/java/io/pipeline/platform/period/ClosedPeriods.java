package io.pipeline.platform.period;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The explicit closes and reopens of fiscal quarters, kept in memory: there are a handful a year, and every
 * back-dated command asks. opportunity-service fills it from its own {@code fiscal-period/...} streams, lead-service
 * from the topic {@code pipeline.periods.v1}, so both enforce the same decisions.
 */
public class ClosedPeriods {

    private final Map<String, PeriodDecision> decisions = new ConcurrentHashMap<>();

    /** Records a decision; an older one than the quarter's latest (a replayed record) changes nothing. */
    public void record(PeriodDecision decision) {
        decisions.merge(decision.period(), decision, (known, offered) -> offered.at().isBefore(known.at()) ? known : offered);
    }

    public Optional<PeriodDecision> decision(String period) {
        return Optional.ofNullable(decisions.get(period));
    }
}
