package io.pipeline.platform.period;

import io.pipeline.platform.problem.InvalidFieldException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fiscal quarters and months for a fiscal year that starts on the first of {@code startMonth}. A fiscal year is
 * named by the calendar year in which it ends: with a February start, FY2027 runs from 2026-02-01 to 2027-01-31.
 */
public final class FiscalCalendar {

    private static final Pattern PERIOD = Pattern.compile("(?:FY)?(\\d{4})-(Q|M)(\\d{1,2})", Pattern.CASE_INSENSITIVE);

    private final int startMonth;

    public FiscalCalendar(int startMonth) {
        if (startMonth < 1 || startMonth > 12) {
            throw new IllegalArgumentException("fiscal year start month must be 1..12, not " + startMonth);
        }
        this.startMonth = startMonth;
    }

    public LocalDate fiscalYearStart(int fiscalYear) {
        return LocalDate.of(startMonth == 1 ? fiscalYear : fiscalYear - 1, startMonth, 1);
    }

    public Period quarter(int fiscalYear, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1..4, not " + quarter);
        }
        LocalDate start = fiscalYearStart(fiscalYear).plusMonths(3L * (quarter - 1));
        return new Period(Period.Kind.QUARTER, fiscalYear, quarter, start, start.plusMonths(3));
    }

    public Period month(int fiscalYear, int month) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("fiscal month must be 1..12, not " + month);
        }
        LocalDate start = fiscalYearStart(fiscalYear).plusMonths(month - 1L);
        return new Period(Period.Kind.MONTH, fiscalYear, month, start, start.plusMonths(1));
    }

    public int fiscalYearOf(LocalDate date) {
        int year = date.getYear();
        return startMonth == 1 || date.getMonthValue() < startMonth ? year : year + 1;
    }

    /** Remembered: the figures ask for the period of the same few thousand dates again and again. */
    private final java.util.Map<LocalDate, Period> quarters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<LocalDate, Period> months = new java.util.concurrent.ConcurrentHashMap<>();

    public Period quarterOf(LocalDate date) {
        Period known = quarters.get(date);
        return known != null ? known : quarters.computeIfAbsent(date, this::computeQuarterOf);
    }

    public Period monthOf(LocalDate date) {
        Period known = months.get(date);
        return known != null ? known : months.computeIfAbsent(date, this::computeMonthOf);
    }

    private Period computeQuarterOf(LocalDate date) {
        int fiscalYear = fiscalYearOf(date);
        int monthsIn = (int) java.time.temporal.ChronoUnit.MONTHS.between(fiscalYearStart(fiscalYear),
                date.withDayOfMonth(1));
        return quarter(fiscalYear, monthsIn / 3 + 1);
    }

    private Period computeMonthOf(LocalDate date) {
        int fiscalYear = fiscalYearOf(date);
        int monthsIn = (int) java.time.temporal.ChronoUnit.MONTHS.between(fiscalYearStart(fiscalYear),
                date.withDayOfMonth(1));
        return month(fiscalYear, monthsIn + 1);
    }

    /** Reads {@code 2026-Q3}, {@code FY2026-Q3}, {@code 2026-M7} or {@code FY2026-M07}; refuses anything else. */
    public Period parse(String field, String text) {
        Matcher m = text == null ? null : PERIOD.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new InvalidFieldException(field, "'" + text + "' is not a period; use FY2026-Q3 (a fiscal quarter)"
                    + " or FY2026-M07 (a fiscal month)");
        }
        int year = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(3));
        try {
            return m.group(2).equalsIgnoreCase("Q") ? quarter(year, number) : month(year, number);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }
}
