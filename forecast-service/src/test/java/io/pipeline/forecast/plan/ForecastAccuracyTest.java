package io.pipeline.forecast.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.plan.ForecastAccuracy.EndedPeriod;
import io.pipeline.forecast.plan.ForecastCalls.Call;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForecastAccuracyTest {

    static Call call(String scope, String on, String commit) {
        return new Call(scope.startsWith("rep:") ? scope.substring(4) : null, "P", new BigDecimal(commit),
                new BigDecimal(commit), Instant.parse(on + "T12:00:00Z"), null, scope, "caller-" + scope, null, null);
    }

    static EndedPeriod quarter(String id, String start, String end, List<Call> calls, Map<String, String> won,
                               String topDown) {
        return new EndedPeriod(id, Instant.parse(start + "T00:00:00Z"), Instant.parse(end + "T00:00:00Z"), calls,
                Map.copyOf(won.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> new BigDecimal(e.getValue())))), topDown == null ? null : new BigDecimal(topDown));
    }

    // three ended quarters; rep-1 calls below what they win every time, the manager above, rep-2 both ways
    static final List<EndedPeriod> PERIODS = List.of(
            quarter("FY2026-Q1", "2026-01-01", "2026-04-01", List.of(
                    call("rep:rep-1", "2026-01-10", "50"), call("rep:rep-1", "2026-03-20", "80"),
                    call("rep:rep-2", "2026-03-01", "120"), call("team:team-1", "2026-03-25", "250")),
                    Map.of("rep:rep-1", "100", "rep:rep-2", "100", "team:team-1", "200"), "180"),
            quarter("FY2026-Q2", "2026-04-01", "2026-07-01", List.of(
                    call("rep:rep-1", "2026-06-01", "90"), call("rep:rep-2", "2026-06-01", "80"),
                    call("team:team-1", "2026-06-20", "300"),
                    // after the quarter ended: not a call of it
                    call("rep:rep-1", "2026-07-02", "999")),
                    Map.of("rep:rep-1", "100", "rep:rep-2", "100", "team:team-1", "200"), "220"),
            quarter("FY2026-Q3", "2026-07-01", "2026-10-01", List.of(
                    call("rep:rep-1", "2026-09-01", "150"), call("team:team-1", "2026-09-02", "420")),
                    Map.of("rep:rep-1", "200", "team:team-1", "400"), null));

    @Test
    void eachCallerIsScoredPerPeriodWithBiasAndVerdict() {
        ForecastAccuracy accuracy = ForecastAccuracy.of("team:team-1",
                List.of("team:team-1", "rep:rep-1", "rep:rep-2"), PERIODS);

        ForecastAccuracy.CallerAccuracy team = accuracy.callers().get(0);
        // last calls 250/200 +0.25, 300/200 +0.5, 420/400 +0.05: bias (0.25 + 0.5 + 0.05) / 3 = 0.2667, happy ears
        assertThat(team.periods()).extracting(p -> p.last().relativeError())
                .containsExactly(new BigDecimal("0.2500"), new BigDecimal("0.5000"), new BigDecimal("0.0500"));
        assertThat(team.bias()).isEqualByComparingTo("0.2667");
        assertThat(team.meanAbsoluteError()).isEqualByComparingTo("0.2667");
        assertThat(team.verdict()).isEqualTo(ForecastAccuracy.HAPPY_EARS);

        ForecastAccuracy.CallerAccuracy rep1 = accuracy.callers().get(1);
        // Q1: first 50 (-50, -0.5), mid (Feb 15) still 50, last 80 (-20, -0.2); Q2 90 (-0.1); Q3 150 (-0.25)
        var q1 = rep1.periods().get(0);
        assertThat(q1.first().error()).isEqualByComparingTo("-50");
        assertThat(q1.mid().commit()).isEqualByComparingTo("50");
        assertThat(q1.last().error()).isEqualByComparingTo("-20");
        // the Jul 2 call of 999 came after Q2 ended
        assertThat(rep1.periods().get(1).last().commit()).isEqualByComparingTo("90");
        // bias (-0.2 - 0.1 - 0.25) / 3 = -0.1833: sandbagging
        assertThat(rep1.bias()).isEqualByComparingTo("-0.1833");
        assertThat(rep1.verdict()).isEqualTo(ForecastAccuracy.SANDBAGGING);

        ForecastAccuracy.CallerAccuracy rep2 = accuracy.callers().get(2);
        // +0.2 then -0.2: bias 0, absolute 0.2, mixed; Q3 no call: not scored
        assertThat(rep2.periods()).hasSize(2);
        assertThat(rep2.bias()).isEqualByComparingTo("0");
        assertThat(rep2.meanAbsoluteError()).isEqualByComparingTo("0.2");
        assertThat(rep2.verdict()).isEqualTo(ForecastAccuracy.MIXED);
        // Q1 mid-period (Feb 15): rep-2 had not called yet
        assertThat(rep2.periods().get(0).mid()).isNull();
    }

    @Test
    void bottomUpSumsTheRepsLastCallsAndTopDownIsTheWeightedForecast() {
        ForecastAccuracy accuracy = ForecastAccuracy.of("team:team-1",
                List.of("team:team-1", "rep:rep-1", "rep:rep-2"), PERIODS);

        // bottom-up: Q1 80 + 120 = 200 vs 200 (0), Q2 90 + 80 = 170 vs 200 (-0.15), Q3 150 vs 400 (-0.625)
        assertThat(accuracy.bottomUp().periods()).extracting(p -> p.last().commit())
                .containsExactly(new BigDecimal("200"), new BigDecimal("170"), new BigDecimal("150"));
        assertThat(accuracy.bottomUp().bias()).isEqualByComparingTo("-0.2583");
        assertThat(accuracy.bottomUp().verdict()).isEqualTo(ForecastAccuracy.MIXED);
        // top-down: 180 vs 200 (-0.1), 220 vs 200 (+0.1); Q3 had no weighted forecast
        assertThat(accuracy.topDown().periods()).hasSize(2);
        assertThat(accuracy.topDown().bias()).isEqualByComparingTo("0");
    }

    @Test
    void withoutClosedWonTheRelativeErrorHasNoValue() {
        ForecastAccuracy accuracy = ForecastAccuracy.of("rep:rep-9", List.of("rep:rep-9"), List.of(
                quarter("FY2026-Q1", "2026-01-01", "2026-04-01", List.of(call("rep:rep-9", "2026-02-01", "10")),
                        Map.of(), null)));

        var rep = accuracy.callers().get(0);
        assertThat(rep.periods().get(0).last().error()).isEqualByComparingTo("10");
        assertThat(rep.periods().get(0).last().relativeError()).isNull();
        assertThat(rep.bias()).isNull();
        assertThat(rep.verdict()).isNull();
        assertThat(accuracy.bottomUp()).isNull();
    }
}
