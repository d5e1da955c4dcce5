package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.CategoryTotalsAndCoverageTest.measure;
import static io.pipeline.forecast.figures.DealScript.context;
import static io.pipeline.forecast.figures.DealScript.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CloseRatesAndSlippageTest {

    static final List<DealHistory> OUTCOMES = List.of(
            opened("W1", "2026-07-01", "100", "2026-08-01", "COMMIT").won("2026-08-01").history(),
            opened("W2", "2026-07-01", "300", "2026-09-01", "COMMIT").segment("SMB").won("2026-09-01").history(),
            opened("L1", "2026-07-01", "200", "2026-09-01", "COMMIT").lost("2026-08-05", "COMPETITION", "Rival")
                    .history(),
            opened("L2", "2026-07-01", "100", "2026-09-01", "COMMIT").lost("2026-08-06", "NO_DECISION", null)
                    .history(),
            opened("L3", "2026-07-01", "50", "2026-09-01", "COMMIT").lost("2026-08-07", null, null).history(),
            opened("U", "2026-07-01", "1000", "2026-09-01", "PIPELINE").unqualified().won("2026-08-08").history(),
            opened("S", "2026-07-01", "100", "2026-09-15", "COMMIT").closeDate("2026-09-10", "2026-10-20").history(),
            opened("DF", "2026-07-01", "70", "2026-09-15", "COMMIT").deferred("2026-08-09").history());

    @Test
    void closeWinAndSlippageAdjustedRatesCountQualifiedDealsClosedInThePeriod() {
        // qualified, closed in Q3: won W1 100 + W2 300 = 400 (2); lost L1 200 comp, L2 100 no decision,
        // L3 50 unknown = 350 (3); U is unqualified; DF deferred counts nowhere; S slipped out: 100 (1)
        CloseRates rates = CloseRates.of(OUTCOMES, context("FY2026-Q3", "2026-12-31"));

        assertThat(rates.won()).isEqualTo(measure("400.00", 2));
        assertThat(rates.slipped()).isEqualTo(measure("100.00", 1));
        // close rate 400 / (400 + 350) = 0.5333; by count 2 / 5 = 0.4
        assertThat(rates.closeRate().byAmount()).isEqualByComparingTo("0.5333");
        assertThat(rates.closeRate().byCount()).isEqualByComparingTo("0.4");
        // win rate 400 / (400 + 200) = 0.6667; 2 / 3
        assertThat(rates.winRate().byAmount()).isEqualByComparingTo("0.6667");
        assertThat(rates.winRate().byCount()).isEqualByComparingTo("0.6667");
        // slippage-adjusted 400 / (750 + 100) = 0.4706; 2 / 6 = 0.3333
        assertThat(rates.slippageAdjustedCloseRate().byAmount()).isEqualByComparingTo("0.4706");
        assertThat(rates.slippageAdjustedCloseRate().byCount()).isEqualByComparingTo("0.3333");
        // required coverage 750 / 400 = 1.875 (3x for 33%); 5 / 2 = 2.5; adjusted 850 / 400 = 2.125; 6 / 2 = 3
        assertThat(rates.requiredCoverage().byAmount()).isEqualByComparingTo("1.875");
        assertThat(rates.requiredCoverage().byCount()).isEqualByComparingTo("2.5");
        assertThat(rates.requiredCoverageSlippageAdjusted().byAmount()).isEqualByComparingTo("2.125");
        assertThat(rates.requiredCoverageSlippageAdjusted().byCount()).isEqualByComparingTo("3");
        // ENTERPRISE: W1 100 won vs L1 200 lost to competition: 100 / 300; SMB: W2 only: 1
        assertThat(rates.winRateBySegment()).extracting(w -> w.key() + "=" + w.winRate().byAmount())
                .containsExactly("ENTERPRISE=0.3333", "SMB=1.0000");
        assertThat(rates.lossesByCompetitor()).containsExactly(
                new CloseRates.CompetitorLosses("Rival", measure("200.00", 1)));
    }

    @Test
    void theCloseRateOfEachTeamCountsEveryLossOfItsQualifiedDeals() {
        // team-1: W1 100 won, L1 200 (competition) and L3 50 (unknown) lost; team-2 (reassigned before closing):
        // W2 300 won, L2 100 (no decision) lost; U unqualified, DF deferred and S slipped count nowhere
        List<DealHistory> deals = List.of(
                opened("W1", "2026-07-01", "100", "2026-08-01", "COMMIT").won("2026-08-01").history(),
                opened("W2", "2026-07-01", "300", "2026-09-01", "COMMIT").owner("rep-2", "team-2", "2026-07-15")
                        .won("2026-09-01").history(),
                opened("L1", "2026-07-01", "200", "2026-09-01", "COMMIT").lost("2026-08-05", "COMPETITION", "Rival")
                        .history(),
                opened("L2", "2026-07-01", "100", "2026-09-01", "COMMIT").owner("rep-2", "team-2", "2026-07-15")
                        .lost("2026-08-06", "NO_DECISION", null).history(),
                opened("L3", "2026-07-01", "50", "2026-09-01", "COMMIT").lost("2026-08-07", null, null).history(),
                OUTCOMES.get(5), OUTCOMES.get(6), OUTCOMES.get(7));

        CloseRates rates = CloseRates.of(deals, context("FY2026-Q3", "2026-12-31"));

        // team-1: 100 / 350 = 0.2857, 1 / 3; team-2: 300 / 400 = 0.75, 1 / 2
        assertThat(rates.closeRateByTeam()).containsExactly(
                new CloseRates.TeamCloseRate("team-1", measure("100.00", 1), measure("250.00", 2),
                        new Ratio(new java.math.BigDecimal("0.2857"), new java.math.BigDecimal("0.3333"))),
                new CloseRates.TeamCloseRate("team-2", measure("300.00", 1), measure("100.00", 1),
                        new Ratio(new java.math.BigDecimal("0.7500"), new java.math.BigDecimal("0.5000"))));
    }

    @Test
    void withNothingClosedEveryRateHasNoValue() {
        CloseRates rates = CloseRates.of(List.of(), context("FY2026-Q3", "2026-12-31"));

        assertThat(rates.closeRate()).isEqualTo(new Ratio(null, null));
        assertThat(rates.winRate()).isEqualTo(new Ratio(null, null));
        assertThat(rates.requiredCoverage()).isEqualTo(new Ratio(null, null));
    }

    static final List<DealHistory> SLIPS = List.of(
            // pushed from Q3 to Q4 on Sep 10 (+25 days), from Q4 to Q1 2027 on Dec 1 (Oct 15 -> Jan 20: +97 days)
            opened("S", "2026-07-01", "500", "2026-09-20", "COMMIT").closeDate("2026-09-10", "2026-10-15")
                    .closeDate("2026-12-01", "2027-01-20").history(),
            // out to Q4 and back, then won in Q3: not slipped
            opened("B", "2026-07-01", "200", "2026-08-20", "BEST_CASE").closeDate("2026-08-01", "2026-10-10")
                    .closeDate("2026-08-15", "2026-09-25").won("2026-09-20").history(),
            // still open in Q3's Commit: not slipped
            opened("R", "2026-07-01", "300", "2026-09-30", "COMMIT").history(),
            // opened after Q3 ended with a stale Q3 date: never open in Q3 during Q3, so it cannot slip out of it
            opened("LATE", "2026-10-05", "900", "2026-09-28", "COMMIT").closeDate("2026-10-06", "2026-11-01")
                    .history());

    @Test
    void aDealPushedAcrossTwoQuartersSlipsOutOfEachOnceAndCountsAsSlippedTwice() {
        Slippage q3 = Slippage.of(SLIPS, context("FY2026-Q3", "2026-12-31"));
        Slippage q4 = Slippage.of(SLIPS, context("FY2026-Q4", "2026-12-31"));

        // only S slipped out of Q3: 500 (1); pushes 2, 25 + 97 = 122 days, 2 period-crossing pushes
        assertThat(q3.slipped()).isEqualTo(measure("500.00", 1));
        assertThat(q3.deals()).containsExactly(new Slippage.SlippedDeal("S", "rep-1", new java.math.BigDecimal("500.00"),
                java.time.LocalDate.parse("2027-01-20"), 2, 122, 2));
        assertThat(q3.slippedTwiceOrMore()).isEqualTo(measure("500.00", 1));
        // Commit in Q3 during Q3: S 500 and R 300; S slipped: 500 / 800 = 0.625; 1 / 2
        assertThat(q3.commitThatSlipped().byAmount()).isEqualByComparingTo("0.625");
        assertThat(q3.commitThatSlipped().byCount()).isEqualByComparingTo("0.5");
        assertThat(q3.byRep()).containsExactly(new Slippage.RepSlippage("rep-1", measure("500.00", 1)));
        // S also stood open in Q4 (Oct 1 - Dec 1) with Oct 15 and left; LATE moved within Q4: Q4 lost S only
        assertThat(q4.slipped()).isEqualTo(measure("500.00", 1));
    }

    @Test
    void slippageIsAsOfTheInstant() {
        // Sep 5: S still in Q3; Sep 15: pushed once, 25 days
        assertThat(Slippage.of(SLIPS, context("FY2026-Q3", "2026-09-05")).slipped()).isEqualTo(Measure.ZERO);
        Slippage september = Slippage.of(SLIPS, context("FY2026-Q3", "2026-09-15"));
        assertThat(september.slipped()).isEqualTo(measure("500.00", 1));
        assertThat(september.deals().get(0).daysPushed()).isEqualTo(25);
        assertThat(september.slippedTwiceOrMore()).isEqualTo(Measure.ZERO);
    }
}
