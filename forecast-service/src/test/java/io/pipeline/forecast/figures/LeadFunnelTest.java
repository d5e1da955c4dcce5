package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.at;
import static io.pipeline.forecast.figures.DealScript.context;
import static io.pipeline.forecast.figures.DealScript.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadFunnelTest {

    static List<LeadStep> lead(String id, String opportunityId, String... datesAndStates) {
        List<LeadStep> steps = new ArrayList<>();
        for (int i = 0; i < datesAndStates.length; i += 2) {
            String state = datesAndStates[i + 1];
            steps.add(new LeadStep(id, i / 2, at(datesAndStates[i]), state, "rep-1", "team-1", "region-1",
                    "ENTERPRISE", state.equals("CONVERTED") ? opportunityId : null));
        }
        return steps;
    }

    @Test
    void theFunnelFollowsLeadsFirstSeenInThePeriodThroughToTheWonOpportunity() {
        List<LeadStep> steps = new ArrayList<>();
        steps.addAll(lead("L1", "X", "2026-07-01", "CAPTURED", "2026-07-03", "MQL", "2026-07-05", "SQL",
                "2026-07-06", "SAL", "2026-07-08", "CONVERTED"));
        steps.addAll(lead("L2", null, "2026-07-02", "CAPTURED", "2026-07-04", "MQL", "2026-07-06", "DISQUALIFIED"));
        steps.addAll(lead("L3", null, "2026-07-03", "CAPTURED"));
        steps.addAll(lead("L0", null, "2026-06-30", "CAPTURED", "2026-07-02", "MQL"));
        List<DealHistory> deals = List.of(
                opened("X", "2026-07-08", "100", "2026-09-01", "PIPELINE").won("2026-08-07").history());

        LeadFunnel funnel = LeadFunnel.of(LeadFunnel.LeadHistory.of(steps), deals, context("FY2026-Q3", "2026-09-30"));

        // cohort L1, L2, L3 (L0 was captured in Q2): 3 leads, MQL 2 (2/3), SQL 1 (1/2), SAL 1, opportunity 1, won 1
        assertThat(funnel.steps()).extracting(LeadFunnel.Step::reached).containsExactly(3L, 2L, 1L, 1L, 1L, 1L);
        assertThat(funnel.steps().get(1).conversionFromPrevious()).isEqualByComparingTo("0.6667");
        assertThat(funnel.steps().get(2).conversionFromPrevious()).isEqualByComparingTo("0.5");
        // lead -> MQL: 2 days for L1 and L2; opportunity -> won: Jul 8 -> Aug 7 = 30 days
        assertThat(funnel.steps().get(1).timeFromPrevious().meanDays()).isEqualByComparingTo("2");
        assertThat(funnel.steps().get(5).timeFromPrevious().meanDays()).isEqualByComparingTo("30");
        // as of Aug 1 the opportunity was not won yet
        LeadFunnel august = LeadFunnel.of(LeadFunnel.LeadHistory.of(steps), deals, context("FY2026-Q3", "2026-08-01"));
        assertThat(august.steps().get(5).reached()).isZero();
        assertThat(august.steps().get(5).conversionFromPrevious()).isEqualByComparingTo("0");
    }
}
