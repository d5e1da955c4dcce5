package io.pipeline.platform.period;

import java.time.LocalDate;

/**
 * A fiscal quarter or month: the dates {@code [start, end)}. A deal is in the period when its close date is.
 *
 * @param number the quarter (1-4) or the fiscal month (1-12, 1 being the first month of the fiscal year)
 */
public record Period(Kind kind, int fiscalYear, int number, LocalDate start, LocalDate end) {

    public enum Kind {
        QUARTER, MONTH
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }

    /** {@code FY2026-Q3} or {@code FY2026-M07}. */
    public String id() {
        return kind == Kind.QUARTER ? "FY" + fiscalYear + "-Q" + number : String.format("FY%d-M%02d", fiscalYear, number);
    }

    @Override
    public String toString() {
        return id() + " [" + start + ", " + end + ")";
    }
}
