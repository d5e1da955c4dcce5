package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.CategoryTotalsAndCoverageTest.measure;
import static io.pipeline.forecast.figures.DealScript.at;
import static io.pipeline.forecast.figures.DealScript.context;
import static io.pipeline.forecast.figures.DealScript.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Velocity, pipeline created, the waterfall and the weighted forecast, on scenarios worked out by hand. */
class FlowFiguresTest {

    @Test
    void timeInStageCountsEachFinishedVisitInThePeriodItEnded() {
        List<DealHistory> deals = List.of(
                opened("V1", "2026-07-01", "100", "2026-09-01", "PIPELINE")
                        .advance("2026-07-11", "Evaluation", "BEST_CASE")
                        .regress("2026-07-31", "Stage PIPELINE", "PIPELINE")
                        .advance("2026-08-04", "Evaluation", "BEST_CASE").won("2026-08-10").history(),
                opened("V2", "2026-07-05", "100", "2026-09-01", "PIPELINE").lost("2026-07-25", "NO_DECISION", null)
                        .history());

        StageVelocity velocity = StageVelocity.of(deals, context("FY2026-Q3", "2026-09-30"));

        // Stage PIPELINE visits: V1 10 days (Jul 1-11), V1 4 days (Jul 31-Aug 4), V2 20 days (Jul 5-25)
        // sorted 4, 10, 20: mean 34 / 3 = 11.33, median 10, p90 = rank ceil(2.7) = 3rd = 20
        // stages are listed by name
        assertThat(velocity.stages()).extracting(StageVelocity.StageTime::stage)
                .containsExactly("Evaluation", "Stage PIPELINE");
        StageVelocity.StageTime pipeline = velocity.stages().get(1);
        assertThat(pipeline.timeInStage()).isEqualTo(new DurationStats(3, new BigDecimal("11.33"),
                new BigDecimal("10.00"), new BigDecimal("20.00")));
        // entered by V1 and V2, advanced out of by V1 only: 1 / 2
        assertThat(pipeline.conversion()).isEqualByComparingTo("0.5");
        // Evaluation visits: 20 days (Jul 11-31), 6 days (Aug 4-10): mean 13, median 13, p90 2nd = 20; V1 won: 1/1
        StageVelocity.StageTime evaluation = velocity.stages().get(0);
        assertThat(evaluation.timeInStage()).isEqualTo(new DurationStats(2, new BigDecimal("13.00"),
                new BigDecimal("13.00"), new BigDecimal("20.00")));
        assertThat(evaluation.conversion()).isEqualByComparingTo("1");
        // Pipeline -> Best Case: V1 Jul 1 -> Jul 11 = 10 days; nobody reached Commit
        assertThat(velocity.categories().get(0).time().meanDays()).isEqualByComparingTo("10");
        assertThat(velocity.categories().get(1).time().count()).isZero();
        assertThat(velocity.categories().get(1).time().meanDays()).isNull();
    }

    @Test
    void pipelineCreatedTakesTheAmountAtTheMomentTheDealBecameQualified() {
        List<DealHistory> deals = List.of(
                // opened unqualified in Q2 at 100, 150 on Jun 25, qualified on Jul 3 (150), 400 later
                opened("P1", "2026-06-20", "100", "2026-09-01", "PIPELINE").unqualified().amount("2026-06-25", "150")
                        .advance("2026-07-03", "Business case", "PIPELINE").amount("2026-08-01", "400").history(),
                opened("P2", "2026-09-30T23:00:00Z", "50", "2026-12-01", "PIPELINE").history(),
                opened("P3", "2026-10-01", "70", "2026-12-01", "PIPELINE").history(),
                opened("P4", "2026-06-01", "999", "2026-09-01", "PIPELINE").history());

        // Q3: P1 150 + P2 50 = 200 (2); P3 is Q4, P4 Q2
        assertThat(PipelineCreated.of(deals, context("FY2026-Q3", "2026-12-31")).created())
                .isEqualTo(measure("200.00", 2));
        // as of Aug 1 noon, P2 did not exist yet
        assertThat(PipelineCreated.of(deals, context("FY2026-Q3", "2026-08-01")).created())
                .isEqualTo(measure("150.00", 1));
    }

    @Test
    void theWaterfallBetweenTwoInstantsNamesEveryFlowAndBalances() {
        List<DealHistory> deals = List.of(
                opened("A", "2026-07-01", "100", "2026-08-15", "PIPELINE").amount("2026-07-10", "150")
                        .advance("2026-08-01", "Evaluation", "BEST_CASE").history(),
                opened("B", "2026-07-01", "200", "2026-09-01", "COMMIT").won("2026-08-20").history(),
                opened("C", "2026-07-01", "300", "2026-10-20", "BEST_CASE").closeDate("2026-08-05", "2026-09-10")
                        .amount("2026-09-01", "250").history(),
                opened("D", "2026-07-01", "400", "2026-09-20", "COMMIT").closeDate("2026-09-05", "2026-11-01")
                        .history(),
                opened("E", "2026-08-01", "50", "2026-09-15", "PIPELINE").lost("2026-08-10", "NO_DECISION", null)
                        .history(),
                opened("F", "2026-07-01", "60", "2026-09-25", "BEST_CASE").deferred("2026-08-02")
                        .reopened("2026-09-01", "2026-09-28", "COMMIT").history());

        Waterfall waterfall = Waterfall.of(deals, context("FY2026-Q3", "2026-09-30"), at("2026-07-02"));

        // all open categories: at Jul 2 A 100 + B 200 + D 400 + F 60 = 760 (4)
        // + created E 50 + reopened F 60 + pulled in C 300 - pushed out D 400 + increase A 50 - decrease C 50
        // - won B 200 - lost E 50 - deferred F 60 = 460 (3) = A 150 + C 250 + F 60
        Waterfall.View all = waterfall.views().get(0);
        assertThat(all.openAtFrom()).isEqualTo(measure("760.00", 4));
        assertThat(all.flows()).containsAllEntriesOf(Map.of("created", measure("50.00", 1),
                "reopened", measure("60.00", 1), "pulledIn", measure("300.00", 1),
                "pushedOut", measure("-400.00", -1), "increased", measure("50.00", 0),
                "decreased", measure("-50.00", 0), "won", measure("-200.00", -1), "lost", measure("-50.00", -1),
                "deferred", measure("-60.00", -1), "categoryIn", measure("0.00", 0)));
        assertThat(all.openAtTo()).isEqualTo(measure("460.00", 3));
        assertThat(all.balanced()).isTrue();
        // Pipeline: A 100 + 50 increase - 150 moved to Best Case + E 50 created - 50 lost = 0
        Waterfall.View pipeline = waterfall.views().get(1);
        assertThat(pipeline.flows().get("categoryOut")).isEqualTo(measure("-150.00", -1));
        assertThat(pipeline.openAtTo()).isEqualTo(measure("0.00", 0));
        // Best Case: F 60 + A 150 moved in + C 300 pulled in - 50 decrease - F 60 deferred = 400 (2)
        Waterfall.View bestCase = waterfall.views().get(2);
        assertThat(bestCase.flows().get("categoryIn")).isEqualTo(measure("150.00", 1));
        assertThat(bestCase.openAtTo()).isEqualTo(measure("400.00", 2));
        // Commit: B 200 + D 400 - won 200 - pushed out 400 + F reopened in Commit 60 = 60 (1)
        Waterfall.View commit = waterfall.views().get(3);
        assertThat(commit.openAtFrom()).isEqualTo(measure("600.00", 2));
        assertThat(commit.openAtTo()).isEqualTo(measure("60.00", 1));
        assertThat(waterfall.views()).allMatch(Waterfall.View::balanced);
    }

    @Test
    void theWeightedForecastAppliesLastPeriodsWinSharePerCategoryAndAddsCreatedAndWon() {
        List<DealHistory> deals = List.of(
                // FY2026-Q2 history: at Apr 1, Commit H1 100 (won) + H2 300 (lost): share 100 / 400 = 0.25
                opened("H1", "2026-03-01", "100", "2026-05-15", "COMMIT").won("2026-05-10").history(),
                opened("H2", "2026-03-01", "300", "2026-06-01", "COMMIT").lost("2026-06-02", "COMPETITION", "X")
                        .history(),
                // Best Case H3 200 won: share 200 / 200 = 1
                opened("H3", "2026-03-01", "200", "2026-06-10", "BEST_CASE").won("2026-06-05").history(),
                // opened in Q2 and won in it: 80
                opened("H4", "2026-05-01", "80", "2026-06-20", "PIPELINE").won("2026-06-01").history(),
                // Q3 now: Commit 1000, Best Case 100, won 50
                opened("N1", "2026-07-01", "1000", "2026-09-01", "COMMIT").history(),
                opened("N2", "2026-07-01", "100", "2026-09-10", "BEST_CASE").history(),
                opened("N3", "2026-07-01", "50", "2026-08-01", "COMMIT").won("2026-08-01").history());

        WeightedForecast forecast = WeightedForecast.of(deals, context("FY2026-Q3", "2026-08-15"), 1);

        // 50 won + 1000 x 0.25 + 100 x 1 + Pipeline 0 (no history: share null, nothing open) + 80 = 480
        assertThat(forecast.lookbackPeriods()).containsExactly("FY2026-Q2");
        assertThat(forecast.categories().get(0).historicalWinShare()).isNull();
        assertThat(forecast.categories().get(1).weighted()).isEqualByComparingTo("100");
        assertThat(forecast.categories().get(2).historicalWinShare()).isEqualByComparingTo("0.25");
        assertThat(forecast.categories().get(2).weighted()).isEqualByComparingTo("250");
        assertThat(forecast.createdAndWonPerPeriod()).isEqualByComparingTo("80");
        assertThat(forecast.forecast()).isEqualByComparingTo("480");
    }

    @Test
    void theWeightedForecastLearnsFromTheLookbackPeriodsThatHaveDealsAndSaysSo() {
        List<DealHistory> deals = List.of(
                // the org's history begins in March 2026: of Q3's four earlier quarters only FY2026-Q2 has deals
                opened("H1", "2026-03-01", "100", "2026-05-15", "COMMIT").won("2026-05-10").history(),
                opened("H2", "2026-03-01", "300", "2026-06-01", "COMMIT").lost("2026-06-02", "COMPETITION", "X")
                        .history(),
                opened("H4", "2026-05-01", "80", "2026-06-20", "PIPELINE").won("2026-06-01").history(),
                opened("N1", "2026-07-01", "1000", "2026-09-01", "COMMIT").history());

        WeightedForecast forecast = WeightedForecast.of(deals, context("FY2026-Q3", "2026-08-15"), 4);

        // Commit 1000 x (100 / 400) = 250; created and won 80 over the one period with deals (not 80 / 4 = 20)
        assertThat(forecast.lookbackPeriods()).containsExactly("FY2026-Q2");
        assertThat(forecast.lookbackWanted()).isEqualTo(4);
        assertThat(forecast.lookbackNote()).contains("only 1 of the 4 periods");
        assertThat(forecast.createdAndWonPerPeriod()).isEqualByComparingTo("80");
        assertThat(forecast.forecast()).isEqualByComparingTo("330");
        // with as many periods as wanted, no note
        assertThat(WeightedForecast.of(deals, context("FY2026-Q3", "2026-08-15"), 1).lookbackNote()).isNull();
        // before any history: no period, no mean, no forecast, and the note says why
        WeightedForecast none = WeightedForecast.of(deals, context("FY2026-Q2", "2026-04-15"), 4);
        assertThat(none.lookbackPeriods()).isEmpty();
        assertThat(none.forecast()).isNull();
        assertThat(none.lookbackNote()).startsWith("none of the 4 periods");
    }
}
