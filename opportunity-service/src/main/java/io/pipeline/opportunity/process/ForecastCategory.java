package io.pipeline.opportunity.process;

/** Where a deal counts in the forecast; each buyer stage maps to one. */
public enum ForecastCategory {
    PIPELINE, BEST_CASE, COMMIT, CLOSED, OMITTED
}
