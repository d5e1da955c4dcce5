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

    boolean inQuarterEnd(LocalDate date) {
        return ChronoUnit.DAYS.between(date, nextQuarterStart(date)) <= 7L * lastWeeks;
    }

    boolean inQuarterStart(LocalDate date) {
        return ChronoUnit.DAYS.between(quarterStart(date), date) < 7L * lastWeeks;
    }
}
