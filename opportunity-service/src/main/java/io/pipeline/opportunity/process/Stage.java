package io.pipeline.opportunity.process;

/**
 * A buyer's step in a sales process.
 *
 * @param firstQualified whether reaching this stage makes the deal qualified pipeline (the SAL was accepted)
 */
public record Stage(String name, ForecastCategory category, boolean firstQualified) {
}
