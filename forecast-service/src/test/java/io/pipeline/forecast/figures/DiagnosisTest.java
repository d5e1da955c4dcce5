package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.context;
import static io.pipeline.forecast.figures.DealScript.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisTest {

    static Measure m(String amount, long count) {
        return new Measure(new BigDecimal(amount), count);
    }

    static Diagnosis.Evidence evidence(String quota, String coverage, String won, String competition,
                                       String noDecision, String[] reached, String expected) {
        return new Diagnosis.Evidence(quota == null ? null : new BigDecimal(quota),
                coverage == null ? null : new BigDecimal(coverage), m(won, 1), m(competition, 1), m(noDecision, 1),
                Measure.ZERO, new BigDecimal(reached[0]), new BigDecimal(reached[1]), new BigDecimal(reached[2]),
                Measure.ZERO, expected == null ? null : new BigDecimal(expected));
    }

    @Test
    void coverageBelowWhatTheCloseRateRequiresIsAPipelineProblem() {
        // close rate 400 / (400 + 300 + 300) = 0.4: required coverage 1000 / 400 = 2.5; coverage 2.0 < 2.5
        Diagnosis d = Diagnosis.of(null, evidence("1000", "2.0", "400", "300", "300",
                new String[]{"1000", "800", "600"}, "900"));
        assertThat(d.evidence().closeRate()).isEqualByComparingTo("0.4");
        assertThat(d.evidence().requiredCoverage()).isEqualByComparingTo("2.5");
        assertThat(d.verdicts()).containsExactly("PIPELINE_PROBLEM");
        assertThat(d.findings().get(0).explanation()).contains("2.0x", "2.5000x");
    }

    @Test
    void aCloseRateBelowAThirdIsAConversionProblemLocatedWhereTheFunnelDropsMost() {
        // close rate 200 / (200 + 200 + 600) = 0.2 < 0.33; coverage 6 >= required 5
        // top 900 / 1000 = 0.9, middle 300 / 900 = 0.3333, bottom 200 / 300 = 0.6667: the middle drops most
        Diagnosis d = Diagnosis.of(null, evidence("1000", "6", "200", "200", "600",
                new String[]{"1000", "900", "300"}, "1200"));
        assertThat(d.verdicts()).containsExactly("CONVERSION_PROBLEM");
        assertThat(d.findings().get(0).explanation()).contains("middle of the funnel (0.3333",
                "differentiation and validation", "no decision (600) outweigh", "qualification or value");
    }

    @Test
    void soundCoverageAndConversionWithTheNumberStillMissedIsCapacityElseOnTrack() {
        // close rate 500 / 1000 = 0.5, required 2; coverage 3; expected 800 < quota 1000
        Diagnosis capacity = Diagnosis.of(null, evidence("1000", "3", "500", "400", "100",
                new String[]{"1000", "800", "600"}, "800"));
        assertThat(capacity.verdicts()).containsExactly("CAPACITY_PROBLEM");
        assertThat(capacity.findings().get(0).explanation()).contains("below the quota 1000");
        Diagnosis onTrack = Diagnosis.of(null, evidence("1000", "3", "500", "400", "100",
                new String[]{"1000", "800", "600"}, "1100"));
        assertThat(onTrack.verdicts()).containsExactly("ON_TRACK");
        // without a quota there is no coverage and no expected result to judge: it says so instead of "on track"
        Diagnosis noQuota = Diagnosis.of(null, evidence(null, null, "500", "400", "100",
                new String[]{"1000", "800", "600"}, "100"));
        assertThat(noQuota.verdicts()).containsExactly("NO_QUOTA");
        assertThat(noQuota.findings().get(0).explanation()).contains("no quota is set");
    }

    @Test
    void theFunnelCountsEachClosedDealInEveryCategoryItReached() {
        List<DealHistory> deals = List.of(
                // Pipeline -> Best Case -> Commit -> won: 100 in all three
                opened("W", "2026-07-01", "100", "2026-09-01", "PIPELINE").advance("2026-07-10", "S2", "BEST_CASE")
                        .advance("2026-07-20", "S3", "COMMIT").won("2026-08-01").history(),
                // reached Best Case, lost: 50 in Pipeline and Best Case
                opened("L", "2026-07-01", "50", "2026-09-01", "PIPELINE").advance("2026-07-10", "S2", "BEST_CASE")
                        .lost("2026-08-02", "NO_DECISION", null).history(),
                // still open: not counted
                opened("O", "2026-07-01", "70", "2026-09-01", "COMMIT").history());
        BigDecimal[] reached = Diagnosis.reached(deals, context("FY2026-Q3", "2026-10-15"));
        assertThat(reached[0]).isEqualByComparingTo("150");
        assertThat(reached[1]).isEqualByComparingTo("150");
        assertThat(reached[2]).isEqualByComparingTo("100");
    }
}
