package io.pipeline.opportunity.process;

/**
 * A buyer's step in a sales process.
 *
 * @param firstQualified whether reaching this stage makes the deal qualified pipeline (the SAL was accepted)
 */
public record Stage(String name, ForecastCategory category, boolean firstQualified) {

    /** The stages every process ends in; a deal reaches them only by closing. */
    public static final Stage CLOSED_WON = new Stage("Closed won", ForecastCategory.CLOSED, false);
    public static final Stage CLOSED_LOST = new Stage("Closed lost", ForecastCategory.OMITTED, false);
    public static final Stage CLOSED_DEFERRED = new Stage("Closed deferred", ForecastCategory.OMITTED, false);
}
