package io.pipeline.simulator;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Fiscal quarters from a fiscal-year start month, and whether a date falls in a quarter's last weeks. */
record FiscalCalendar(int fiscalYearStartMonth, int lastWeeks) {

    static FiscalCalendar of(SimulationConfig.QuarterEnd quarterEnd) {
        return new FiscalCalendar(quarterEnd.fiscalYearStartMonth(), quarterEnd.lastWeeks());
    }

    LocalDate quarterStart(LocalDate date) {
        int monthsIntoYear = Math.floorMod(date.getMonthValue() - fiscalYearStartMonth, 12);
        return date.withDayOfMonth(1).minusMonths(monthsIntoYear % 3);
    }

    LocalDate nextQuarterStart(LocalDate date) {
        return quarterStart(date).plusMonths(3);
    }

    /**
     * The quarter's id as forecast-service names it ({@code FY2026-Q4}): a fiscal year is named by the calendar year
     * in which it ends.
     */
    String quarterId(LocalDate date) {
        int monthsIntoYear = Math.floorMod(date.getMonthValue() - fiscalYearStartMonth, 12);
        int fiscalYear = fiscalYearStartMonth == 1 || date.getMonthValue() < fiscalYearStartMonth
                ? date.getYear() : date.getYear() + 1;
        return "FY" + fiscalYear + "-Q" + (monthsIntoYear / 3 + 1);
    }

    boolean inQuarterEnd(LocalDate date) {
        return ChronoUnit.DAYS.between(date, nextQuarterStart(date)) <= 7L * lastWeeks;
    }

    boolean inQuarterStart(LocalDate date) {
        return ChronoUnit.DAYS.between(quarterStart(date), date) < 7L * lastWeeks;
    }
}
