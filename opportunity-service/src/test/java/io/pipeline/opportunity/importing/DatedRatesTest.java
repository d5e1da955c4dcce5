package io.pipeline.opportunity.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DatedRatesTest {

    private static DatedRates.Result parse(String csv) {
        return DatedRates.parse(new CsvFile("rates.csv", csv.getBytes(StandardCharsets.UTF_8)), "USD", ZoneOffset.UTC);
    }

    private static final String RATES = """
            IsoCode,ConversionRate,StartDate,NextStartDate
            EUR,0.800000,2025-01-01,2025-04-01
            EUR,0.925000,2025-04-01,
            GBP,0.750000,2025-01-01,2025-02-01
            """;

    @Test
    void aRangeHoldsFromItsStartUpToTheNextStartExcluded() {
        DatedRates rates = parse(RATES).rates();

        // 1000 / 0.8 = 1250.00 through March 31st; from April 1st 1000 / 0.925 = 1081.0810... -> 1081.08
        assertThat(rates.convert(new BigDecimal("1000"), "EUR", LocalDate.parse("2025-03-31"))).hasValue(new BigDecimal("1250.00"));
        assertThat(rates.convert(new BigDecimal("1000"), "EUR", LocalDate.parse("2025-04-01"))).hasValue(new BigDecimal("1081.08"));
        assertThat(rates.convert(new BigDecimal("1000"), "EUR", LocalDate.parse("2024-12-31"))).isEmpty();
        // GBP's only range ended: no rate afterwards, rather than the last one stretched
        assertThat(rates.convert(new BigDecimal("300"), "GBP", LocalDate.parse("2025-01-31"))).hasValue(new BigDecimal("400.00"));
        assertThat(rates.convert(new BigDecimal("300"), "GBP", LocalDate.parse("2025-02-01"))).isEmpty();
        assertThat(rates.convert(new BigDecimal("12.34"), "USD", LocalDate.parse("1999-01-01"))).hasValue(new BigDecimal("12.34"));
    }

    @Test
    void whereRangesOverlapTheLaterStartWins() {
        DatedRates rates = parse("""
                IsoCode,ConversionRate,StartDate,NextStartDate
                EUR,0.5,2025-01-01,
                EUR,0.8,2025-03-01,
                """).rates();

        assertThat(rates.convert(new BigDecimal("100"), "EUR", LocalDate.parse("2025-02-28"))).hasValue(new BigDecimal("200.00"));
        assertThat(rates.convert(new BigDecimal("100"), "EUR", LocalDate.parse("2025-03-01"))).hasValue(new BigDecimal("125.00"));
    }

    @Test
    void badRowsAreReportedByRowAndColumnAndLeftOut() {
        DatedRates.Result result = parse("""
                IsoCode,ConversionRate,StartDate,NextStartDate
                USD,1.1,2025-01-01,
                EUR,-1,2025-01-01,
                eur,0.9,2025-01-01,
                CHF,0.9,2025-05-01,2025-04-01
                JPY,150,0000-01-01,
                """);

        assertThat(result.problems()).extracting(p -> p.row() + " " + p.column()).containsExactly(
                "2 ConversionRate", "3 ConversionRate", "4 IsoCode", "5 NextStartDate", "6 StartDate");
        assertThat(result.rates().convert(BigDecimal.TEN, "CHF", LocalDate.parse("2025-04-15"))).isEmpty();
    }
}
