package io.pipeline.opportunity.importing;

import io.pipeline.opportunity.api.LossReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a CRM knew of a deal from an instant on: the values after a change. A null field did not change (or is
 * unknown), so an observation may say only that the close date moved.
 *
 * @param source    the row it was read from, to name in problems
 * @param stage     the CRM's stage name
 * @param owner            the CRM's owner; {@code team} and {@code region} only when the file gives them beside it
 * @param forecastCategory the CRM's forecast category then (Salesforce's ForecastCategoryName), or null: one that
 *                         differs from the stage's own is an override
 */
public record Observation(CsvRow source, Instant at, String stage, BigDecimal amount, String currency,
                          LocalDate closeDate, String owner, String team, String region, LossReason lostReason,
                          String competitor, String forecastCategory) {

    /** Without a forecast category: the stage's own. */
    public Observation(CsvRow source, Instant at, String stage, BigDecimal amount, String currency, LocalDate closeDate,
                       String owner, String team, String region, LossReason lostReason, String competitor) {
        this(source, at, stage, amount, currency, closeDate, owner, team, region, lostReason, competitor, null);
    }

    /** The opening of a closed deal whose history is unknown: the values it had, in no known stage. */
    Observation withoutStage() {
        return new Observation(source, at, null, amount, currency, closeDate, owner, team, region, null, null);
    }

    /** With the lost reason and competitor where given (null: as before). */
    Observation withOutcome(LossReason reason, String competitorName) {
        return new Observation(source, at, stage, amount, currency, closeDate, owner, team, region,
                reason == null ? lostReason : reason, competitorName == null ? competitor : competitorName,
                forecastCategory);
    }

    Observation withForecastCategory(String category) {
        return new Observation(source, at, stage, amount, currency, closeDate, owner, team, region, lostReason,
                competitor, category);
    }

    Observation at(Instant instant) {
        return new Observation(source, instant, stage, amount, currency, closeDate, owner, team, region, lostReason,
                competitor, forecastCategory);
    }
}
