package io.pipeline.opportunity.importing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Salesforce's {@code DatedConversionRate} export (IsoCode, ConversionRate, StartDate, NextStartDate): how many
 * units of IsoCode one unit of the org's corporate currency bought over a date range. An amount in IsoCode is
 * therefore worth amount / ConversionRate in the corporate currency, which is this system's reporting currency.
 * A bad row is reported and left out; only the deals that needed it are refused (for want of a rate).
 */
final class DatedRates {

    private record Range(String currency, LocalDate from, LocalDate until, BigDecimal conversionRate) {

        boolean holdsOn(String code, LocalDate date) {
            return currency.equals(code) && !date.isBefore(from) && (until == null || date.isBefore(until));
        }
    }

    private final String reportingCurrency;
    private final List<Range> ranges;

    private DatedRates(String reportingCurrency, List<Range> ranges) {
        this.reportingCurrency = reportingCurrency;
        this.ranges = ranges;
    }

    record Result(DatedRates rates, List<ImportProblem> problems) {
    }

    static Result parse(CsvFile file, String reportingCurrency, ZoneId zone) {
        CsvFile.Parsed parsed = file.read(Set.of("isocode", "conversionrate", "startdate"));
        List<ImportProblem> problems = new ArrayList<>(parsed.problems());
        List<Range> ranges = new ArrayList<>();
        for (CsvRow row : parsed.rows()) {
            RowReading cells = new RowReading(row, zone);
            String currency = cells.currency("IsoCode");
            BigDecimal rate = cells.rate(true, "ConversionRate");
            LocalDate from = cells.date(true, "StartDate");
            LocalDate until = cells.date(false, "NextStartDate");
            if (currency == null && cells.problems().isEmpty()) {
                cells.problems().add(row.error("IsoCode", "required"));
            }
            if (from != null && until != null && !until.isAfter(from)) {
                cells.problems().add(row.error("NextStartDate", "'" + until + "' is not after StartDate " + from));
            }
            if (currency != null && currency.equals(reportingCurrency) && rate != null
                    && rate.compareTo(BigDecimal.ONE) != 0) {
                cells.problems().add(row.error("ConversionRate", currency
                        + " is the reporting currency; its rate is always 1"));
            }
            problems.addAll(cells.problems());
            if (cells.problems().isEmpty()) {
                ranges.add(new Range(currency, from, until, rate));
            }
        }
        // the latest start first: where an export's ranges overlap, the newer rate wins, as Salesforce's own does
        ranges.sort(Comparator.comparing(Range::from).reversed());
        return new Result(new DatedRates(reportingCurrency, List.copyOf(ranges)), problems);
    }

    /**
     * The amount in the reporting currency with the rate holding on the date, to the cent (half-even, as a
     * ledger rounds); empty when no rate holds then.
     */
    Optional<BigDecimal> convert(BigDecimal amount, String currency, LocalDate on) {
        if (currency.equals(reportingCurrency)) {
            return Optional.of(amount);
        }
        return ranges.stream().filter(range -> range.holdsOn(currency, on)).findFirst()
                .map(range -> amount.divide(range.conversionRate(), 2, RoundingMode.HALF_EVEN));
    }

    String reportingCurrency() {
        return reportingCurrency;
    }
}
