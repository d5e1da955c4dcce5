package io.pipeline.forecast.figures;

import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * What one figure is asked for: a period, a scope, the instant it is computed as of, and how business dates,
 * the organisation and currencies are read. A deal belongs to the scope it was in as of {@code asOf}.
 *
 * @param periodStart the instant the period starts (its first day's start in the zone): computed once, since the
 *                    figures compare every event they walk with it
 * @param periodEnd   the instant the period ends (exclusive)
 */
public record FigureContext(Period period, Scope scope, Instant asOf, ZoneId zone, FiscalCalendar calendar,
                            Hierarchy hierarchy, ConversionRates.Converter money, Instant periodStart,
                            Instant periodEnd) {

    public FigureContext(Period period, Scope scope, Instant asOf, ZoneId zone, FiscalCalendar calendar,
                         Hierarchy hierarchy, ConversionRates.Converter money) {
        this(period, scope, asOf, zone, calendar, hierarchy, money, period.start().atStartOfDay(zone).toInstant(),
                period.end().atStartOfDay(zone).toInstant());
    }

    public static FigureContext of(Period period, Scope scope, Instant asOf, ZoneId zone, FiscalCalendar calendar,
                                   Hierarchy hierarchy, ConversionRates rates) {
        return new FigureContext(period, scope, asOf, zone, calendar, hierarchy,
                rates.on(LocalDate.ofInstant(asOf, zone)));
    }

    /** The same question about another period (for figures that look back at earlier periods). */
    public FigureContext forPeriod(Period other) {
        return new FigureContext(other, scope, asOf, zone, calendar, hierarchy, money);
    }

    /**
     * The same question about another scope (a drill-down's child), with a converter of its own: the deals it
     * cannot convert are its own to note.
     */
    public FigureContext forScope(Scope other) {
        return new FigureContext(period, other, asOf, zone, calendar, hierarchy, money.rates().on(money.date()),
                periodStart, periodEnd);
    }

    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The period of the same kind (quarter or month) as the asked one that holds {@code date}. */
    public Period periodHolding(LocalDate date) {
        return period.kind() == Period.Kind.QUARTER ? calendar.quarterOf(date) : calendar.monthOf(date);
    }

    /** Whether a deal or lead in this state is in the asked scope (false for one that did not exist yet). */
    public boolean inScope(Hierarchy.Placed deal) {
        return deal != null && hierarchy.contains(scope, deal);
    }

    /** The deal's amount in the reporting currency, or null when its currency has no rate (the deal is noted). */
    public BigDecimal amount(String opportunityId, DealState deal) {
        return money.amount(opportunityId, deal);
    }

    public Basis basis() {
        return new Basis(period.id(), period.start(), period.end(), scope.toString(), asOf,
                money.rates().reportingCurrency(), money.date(), List.copyOf(money.unconverted()));
    }
}
