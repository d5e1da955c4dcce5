package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Effective-dated rates from each currency to the reporting currency: a rate holds from its date until the next
 * one. Amounts convert at the rate effective on one date (the figure's as-of date) and are rounded to the cent,
 * so sums of converted amounts stay exact.
 */
public record ConversionRates(String reportingCurrency, Map<String, NavigableMap<LocalDate, BigDecimal>> rates) {

    public static ConversionRates none(String reportingCurrency) {
        return new ConversionRates(reportingCurrency, Map.of());
    }

    public ConversionRates with(String currency, LocalDate effectiveFrom, BigDecimal rate) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> copy = new TreeMap<>(rates);
        NavigableMap<LocalDate, BigDecimal> byDate = new TreeMap<>(copy.getOrDefault(currency, new TreeMap<>()));
        byDate.put(effectiveFrom, rate);
        copy.put(currency, byDate);
        return new ConversionRates(reportingCurrency, copy);
    }

    /** The rate effective on {@code date}, or null when none is known yet. */
    public BigDecimal rate(String currency, LocalDate date) {
        if (reportingCurrency.equals(currency)) {
            return BigDecimal.ONE;
        }
        NavigableMap<LocalDate, BigDecimal> byDate = rates.get(currency);
        Map.Entry<LocalDate, BigDecimal> effective = byDate == null ? null : byDate.floorEntry(date);
        return effective == null ? null : effective.getValue();
    }

    /** A converter for one figure: every amount at the rate of {@code date}; deals it cannot convert are noted. */
    public Converter on(LocalDate date) {
        // concurrent: a scan in slices converts from more than one thread
        return new Converter(this, date, new ConcurrentSkipListSet<>());
    }

    /**
     * Converts amounts at one date's rates, remembering which deals had a currency without a rate so that the
     * response lists them instead of letting them vanish from the figure.
     */
    public record Converter(ConversionRates rates, LocalDate date, Set<String> unconverted) {

        /** The deal's amount in the reporting currency, or null (and the deal noted) when there is no rate. */
        public BigDecimal amount(String opportunityId, DealState deal) {
            BigDecimal rate = rates.rate(deal.currency(), date);
            if (rate == null) {
                unconverted.add(opportunityId + " (" + deal.currency() + ")");
                return null;
            }
            return deal.amount().multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
        }
    }
}
