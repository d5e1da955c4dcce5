package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run large enough to measure (over 20,000 closed deals) realizes the configured rates within statistical
 * tolerance.
 *
 * <p>Tolerance: a realized share p^ of n independent trials with probability p has the standard error
 * sqrt(p(1-p)/n); we accept |p^ - p| <= 4 standard errors, which a correct simulation misses with probability
 * about 6e-5 per comparison (the run is deterministic, so the test never flickers: the bound says how far off a
 * correct generator could be, and a wrong rate, off by more, fails). Stage durations are gamma of shape 2, whose
 * standard deviation is mean / sqrt(2): the mean of n visits gets 4 x mean / sqrt(2n).
 *
 * <p>Rates are taken over a cohort that stops a year before the history does, so that the cohort's deals had
 * time to close (see {@link SimulationSummary}).
 */
class SimulationRatesTest {

    static final double STANDARD_ERRORS = 4;
    static SimulationConfig config;
    static SimulationSummary summary;

    @BeforeAll
    static void runLargeSimulation() {
        config = SimulationConfig.defaults().withSeed(20_000)
                .withPeriod(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
                .withOrg(new SimulationConfig.OrgShape(3, 27, 8));
        Instant cohortBefore = config.end().minus(365, ChronoUnit.DAYS);
        SimulationSummary.Accumulator accumulator = new SimulationSummary.Accumulator(config, cohortBefore);
        new Simulation(config).events().forEach(accumulator);
        summary = accumulator.result();
    }

    @Test
    void theCohortIsLargeAndHasClosed() {
        assertThat(summary.dealsClosed()).isGreaterThan(20_000);
        assertThat((double) summary.dealsStillOpen() / summary.dealsOpened()).isLessThan(0.002);
    }

    @Test
    void outcomesMatchTheConfiguredWinLossNoDecisionAndDeferralRates() {
        long n = summary.dealsClosed();
        SimulationConfig.Outcomes outcomes = config.outcomes();
        assertShare(summary.outcomeRate(Outcome.WON), outcomes.win(), n);
        assertShare(summary.outcomeRate(Outcome.LOST_TO_COMPETITION), outcomes.lostToCompetition(), n);
        assertShare(summary.outcomeRate(Outcome.LOST_NO_DECISION), outcomes.lostNoDecision(), n);
        assertShare(summary.outcomeRate(Outcome.DEFERRED), outcomes.deferred(), n);
        assertShare(summary.reopenRate(), config.reopening().reopenRate(), summary.firstCloses().get(Outcome.DEFERRED));
    }

    @Test
    void leadsMoveThroughTheFunnelAtTheConfiguredRates() {
        SimulationConfig.LeadFunnel funnel = config.leadFunnel();
        assertShare(summary.mqlRate(), funnel.mqlRate(), summary.leadsReached("CAPTURED"));
        assertShare(summary.sqlRate(), funnel.sqlRate(), summary.leadsReached("MQL"));
        assertShare(summary.salRate(), funnel.salRate(), summary.leadsReached("SQL"));
        assertShare(summary.conversionRate(), funnel.conversionRate(), summary.leadsReached("SAL"));
    }

    @Test
    void closeDatesArePushedAtTheConfiguredRateAndMoreOftenAtQuarterEnd() {
        SimulationConfig.Slippage slippage = config.slippage();
        double inQuarterEnd = Math.min(1, slippage.pushProbability() * config.quarterEnd().pushFactor());
        assertShare(summary.pushShare(false), slippage.pushProbability(), summary.closedByWindow().get(false));
        assertShare(summary.pushShare(true), inQuarterEnd, summary.closedByWindow().get(true));
    }

    @Test
    void stageVisitsLastTheConfiguredMeanDays() {
        for (Segment segment : Segment.values()) {
            Map<String, Double> configured = config.segments().get(segment).stageMeanDays();
            configured.forEach((stage, meanDays) -> {
                SimulationSummary.StageVisits visits = summary.stageVisits().get(segment + "/" + stage);
                if (visits == null) {
                    return; // the last stage is only ever left by closing, which the quarter-end pull-in shortens
                }
                double tolerance = STANDARD_ERRORS * meanDays / Math.sqrt(2.0 * visits.visits());
                assertThat(visits.meanDays()).as("%s/%s over %d visits", segment, stage, visits.visits())
                        .isCloseTo(meanDays, within(tolerance));
            });
        }
    }

    private static void assertShare(Double realized, double configured, long trials) {
        double tolerance = STANDARD_ERRORS * Math.sqrt(configured * (1 - configured) / trials);
        assertThat(realized).as("share of %d trials, configured %.3f", trials, configured)
                .isCloseTo(configured, within(Math.max(tolerance, 1e-9)));
    }
}
