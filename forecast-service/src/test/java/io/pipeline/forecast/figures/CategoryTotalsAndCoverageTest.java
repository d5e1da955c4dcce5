package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.context;
import static io.pipeline.forecast.figures.DealScript.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryTotalsAndCoverageTest {

    // FY2026-Q3 = [2026-07-01, 2026-10-01)
    static final List<DealHistory> DEALS = List.of(
            opened("A", "2026-07-01", "100", "2026-08-15", "PIPELINE").history(),
            opened("B", "2026-07-01", "200", "2026-09-01", "BEST_CASE").history(),
            opened("C", "2026-07-01", "300", "2026-09-30", "COMMIT").won("2026-08-10").history(),
            opened("D", "2026-07-01", "400", "2026-10-05", "COMMIT").history(),
            opened("E", "2026-07-01", "50", "2026-08-01", "COMMIT").override("2026-07-20", "OMITTED").history());

    @Test
    void totalsAreTheOpenDealsPerCategoryAndTheWonOnesAsTheyStoodAtTheInstant() {
        // Jul 15: Pipeline A 100; Best Case B 200; Commit C 300 + E 50 = 350 (2); D closes in Q4; nothing won
        CategoryTotals july = CategoryTotals.of(DEALS, context("FY2026-Q3", "2026-07-15"));
        assertThat(july.total("PIPELINE")).isEqualTo(measure("100.00", 1));
        assertThat(july.total("BEST_CASE")).isEqualTo(measure("200.00", 1));
        assertThat(july.total("COMMIT")).isEqualTo(measure("350.00", 2));
        assertThat(july.total("CLOSED_WON")).isEqualTo(measure("0.00", 0));

        // Aug 20: C won on Aug 10 (300), E overridden to Omitted on Jul 20: Commit is empty
        CategoryTotals august = CategoryTotals.of(DEALS, context("FY2026-Q3", "2026-08-20"));
        assertThat(august.total("COMMIT")).isEqualTo(measure("0.00", 0));
        assertThat(august.total("CLOSED_WON")).isEqualTo(measure("300.00", 1));

        // before anything was opened, everything is zero
        assertThat(CategoryTotals.of(DEALS, context("FY2026-Q3", "2026-06-30")).total("BEST_CASE"))
                .isEqualTo(Measure.ZERO);
    }

    @Test
    void coverageCountsBestCaseCommitAndWonAgainstTheQuotaAndTheRemainingQuota() {
        // Aug 20: Pipeline 100, Best Case 200, Commit 0, Won 300, quota 1000, remaining 1000 - 300 = 700
        // coverage (200 + 0 + 300) / 1000 = 0.5; of remaining (200 + 0) / 700 = 0.2857
        // with Pipeline (100 + 200 + 300) / 1000 = 0.6; of remaining (100 + 200) / 700 = 0.4286
        Coverage coverage = Coverage.of(CategoryTotals.of(DEALS, context("FY2026-Q3", "2026-08-20")),
                new BigDecimal("1000"));

        assertThat(coverage.remainingQuota()).isEqualByComparingTo("700");
        assertThat(coverage.coverage()).isEqualByComparingTo("0.5");
        assertThat(coverage.coverageOfRemaining()).isEqualByComparingTo("0.2857");
        assertThat(coverage.coverageWithPipeline()).isEqualByComparingTo("0.6");
        assertThat(coverage.coverageWithPipelineOfRemaining()).isEqualByComparingTo("0.4286");
    }

    @Test
    void withoutAQuotaOrWithAQuotaAlreadyMetCoverageHasNoValueInsteadOfZeroOrInfinity() {
        CategoryTotals totals = CategoryTotals.of(DEALS, context("FY2026-Q3", "2026-08-20"));

        Coverage noQuota = Coverage.of(totals, null);
        Coverage zeroQuota = Coverage.of(totals, BigDecimal.ZERO);
        // quota 250 is met by the 300 won: 500 / 250 = 2, nothing remains to cover
        Coverage met = Coverage.of(totals, new BigDecimal("250"));

        assertThat(noQuota.coverage()).isNull();
        assertThat(noQuota.coverageOfRemaining()).isNull();
        assertThat(zeroQuota.coverage()).isNull();
        assertThat(zeroQuota.coverageWithPipeline()).isNull();
        assertThat(met.coverage()).isEqualByComparingTo("2");
        assertThat(met.coverageOfRemaining()).isNull();
    }

    @Test
    void amountsConvertAtTheRateEffectiveOnTheAsOfDateAndADealWithoutARateIsListedNotDropped() {
        List<DealHistory> deals = List.of(
                opened("EUR-1", "2026-07-01", "100", "2026-09-01", "COMMIT").currency("EUR").history(),
                opened("GBP-1", "2026-07-01", "70", "2026-09-01", "COMMIT").currency("GBP").history());
        ConversionRates rates = ConversionRates.none("USD")
                .with("EUR", LocalDate.parse("2026-01-01"), new BigDecimal("1.10"))
                .with("EUR", LocalDate.parse("2026-08-01"), new BigDecimal("1.20"));

        // Jul 15: 100 EUR x 1.10 = 110.00; GBP has no rate: counted (2 deals), amount left out, listed
        CategoryTotals july = CategoryTotals.of(deals, context("FY2026-Q3", "2026-07-15", rates));
        // Aug 15: 100 EUR x 1.20 = 120.00
        CategoryTotals august = CategoryTotals.of(deals, context("FY2026-Q3", "2026-08-15", rates));

        assertThat(july.total("COMMIT")).isEqualTo(measure("110.00", 2));
        assertThat(july.basis().unconverted()).containsExactly("GBP-1 (GBP)");
        assertThat(august.total("COMMIT")).isEqualTo(measure("120.00", 2));
    }

    static Measure measure(String amount, long count) {
        return new Measure(new BigDecimal(amount), count);
    }
}
