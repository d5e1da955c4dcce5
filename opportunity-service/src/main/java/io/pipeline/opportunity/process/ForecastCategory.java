package io.pipeline.opportunity.process;

import java.util.EnumSet;
import java.util.Set;

/** Where a deal counts in the forecast; each buyer stage maps to one. */
public enum ForecastCategory {
    PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED;

    /**
     * The categories a rep may put an open deal in when its stage says {@code this}: at most one step more
     * confident than the stage (judgement, not wishful thinking), any step less confident, or out of the forecast
     * (OMITTED). CLOSED only ever comes from closing the deal.
     */
    public Set<ForecastCategory> overridesAllowed() {
        Set<ForecastCategory> allowed = EnumSet.of(OMITTED);
        for (ForecastCategory open : EnumSet.of(PIPELINE, BEST_CASE, COMMIT)) {
            if (open.ordinal() <= ordinal() + 1) {
                allowed.add(open);
            }
        }
        return allowed;
    }
}
