package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A deal as it stood after one of its events: what every figure reads.
 *
 * @param forecastCategory PIPELINE, BEST_CASE, COMMIT, CLOSED or OMITTED
 * @param status           OPEN, WON, LOST or DEFERRED
 * @param qualified        whether the deal ever reached its process's first qualified stage
 */
public record DealState(String ownerId, String teamId, String regionId, String segment, BigDecimal amount,
                        String currency, LocalDate closeDate, String stage, String forecastCategory, String status,
                        boolean qualified) implements Hierarchy.Placed {

    public static final String PIPELINE = "PIPELINE";
    public static final String BEST_CASE = "BEST_CASE";
    public static final String COMMIT = "COMMIT";

    public boolean open() {
        return "OPEN".equals(status);
    }

    public boolean won() {
        return "WON".equals(status);
    }

    public boolean lost() {
        return "LOST".equals(status);
    }

    /** Open and in one of the three categories a forecast counts (an open deal overridden to OMITTED is not). */
    public boolean openIn(String category) {
        return open() && category.equals(forecastCategory);
    }

    public boolean openInForecastCategory() {
        return open() && (PIPELINE.equals(forecastCategory) || BEST_CASE.equals(forecastCategory)
                || COMMIT.equals(forecastCategory));
    }
}
