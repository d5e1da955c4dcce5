package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan an admin sets for a simulated org: quotas and the reps' calls, worked out by hand. */
class SalesPlanTest {

    static final SimulationConfig TWO_REPS = SimulationConfig.defaults()
            .withPeriod(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-10-01T00:00:00Z"))
            .withOrg(new SimulationConfig.OrgShape(1, 1, 2));

    @Test
    void aRepsQuotaIsTheStretchedMeanWonPerRepAndQuarterOfTheWholeQuartersAfterTheFirst() {
        SalesPlan plan = new SalesPlan(TWO_REPS, SalesPlan.DEMO_RATES);
        // Q1 only fills the pipeline: its win is left out. Q2 + Q3 = 10,000 + 5,000 EUR x 1.08 = 15,400 USD;
        // x 1.15 = 17,710 over 2 quarters x 2 reps = 4,427.50, rounded up to 5,000.
        List<IntegrationEvent> events = List.of(won("d1", "90000.00", "USD", "2025-03-20"),
                won("d2", "10000.00", "USD", "2025-05-10"), won("d3", "5000.00", "EUR", "2025-08-01"));
        List<SalesPlan.Quota> quotas = plan.quotas(events, 2);
        Map<String, BigDecimal> q3 = quotas.stream().filter(q -> q.period().equals("FY2025-Q3"))
                .collect(Collectors.toMap(SalesPlan.Quota::scope, SalesPlan.Quota::amount));
        assertThat(q3).containsOnly(Map.entry("rep:amer-team-1-rep-1", new BigDecimal("5000.00")),
                Map.entry("rep:amer-team-1-rep-2", new BigDecimal("5000.00")),
                Map.entry("team:amer-team-1", new BigDecimal("10000.00")),
                Map.entry("region:amer", new BigDecimal("10000.00")), Map.entry("org", new BigDecimal("10000.00")));
        // from the history's first quarter to two after its last (FY2025-Q4)
        assertThat(quotas.stream().map(SalesPlan.Quota::period).distinct()).containsExactly("FY2025-Q1", "FY2025-Q2",
                "FY2025-Q3", "FY2025-Q4", "FY2026-Q1", "FY2026-Q2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePlansRequestsAreOneOrgChartTheRatesAndTheQuotasOfTheLevelsAsked() {
        SimulationConfig config = TWO_REPS.withOrg(new SimulationConfig.OrgShape(2, 2, 3));
        SalesPlan plan = new SalesPlan(config, SalesPlan.DEMO_RATES);
        List<ApiCall> requests = plan.requests(new Simulation(config), 2,
                scope -> scope.equals("org") || scope.startsWith("region:"));

        ApiCall chart = requests.get(0);
        assertThat(chart.method() + " " + chart.path()).isEqualTo("PUT /api/forecast/org");
        assertThat((List<Object>) chart.body().get("reps")).hasSize(12)
                .contains(Map.of("repId", "amer-team-2-rep-3", "teamId", "amer-team-2"));
        assertThat((List<Object>) chart.body().get("teams")).hasSize(4)
                .contains(Map.of("teamId", "emea-team-1", "regionId", "emea"));
        assertThat(requests.stream().filter(r -> r.path().equals("/api/forecast/currency-rates"))
                .map(r -> r.body().get("currency") + " " + r.body().get("rate") + " " + r.body().get("effectiveFrom")))
                .containsExactly("EUR 1.08 2025-01-01", "GBP 1.27 2025-01-01");
        // 2025-Q1 .. Q3 and two quarters after: 6 quarters x (org + 2 regions), no team or rep quota
        assertThat(requests.stream().filter(r -> r.path().equals("/api/forecast/quotas"))
                .map(r -> (String) r.body().get("scope")).distinct()).containsExactlyInAnyOrder("org", "region:amer",
                "region:emea");
        assertThat(requests).hasSize(1 + 2 + 6 * 3);
    }

    @Test
    void aCallIsWonPlusCommitAndThenBestCaseTimesTheRepsBiasRoundedUpToAThousand() {
        SalesPlan plan = new SalesPlan(TWO_REPS, SalesPlan.DEMO_RATES);
        List<Deal> open = List.of(deal("d1", "10000.00", "USD", "COMMIT"), deal("d2", "5000.00", "EUR", "BEST_CASE"),
                deal("d3", "3000.00", "USD", "PIPELINE"));
        Instant at = Instant.parse("2025-05-15T09:00:00Z");
        // commit 1,000 + 10,000 = 11,000; best case 11,000 + 5,400 = 16,400 -> 17,000
        SalesPlan.Call even = plan.call("r", "FY2025-Q2", new BigDecimal("1000.00"), open, at, new BigDecimal("1.00"));
        assertThat(even.commit()).isEqualByComparingTo("11000");
        assertThat(even.bestCase()).isEqualByComparingTo("17000");
        // a sandbagger: 9,900 -> 10,000 and 14,760 -> 15,000
        SalesPlan.Call low = plan.call("r", "FY2025-Q2", new BigDecimal("1000.00"), open, at, new BigDecimal("0.90"));
        assertThat(low.commit()).isEqualByComparingTo("10000");
        assertThat(low.bestCase()).isEqualByComparingTo("15000");
        assertThat(low.submittedAt()).isEqualTo(at);
    }

    @Test
    void everyRepCallsThreeTimesAQuarterOfTheHistoryFromTheirDealsAsTheyStoodThen() {
        SimulationConfig config = DemoOrgs.config();
        SalesPlan plan = new SalesPlan(config, SalesPlan.DEMO_RATES);
        List<SalesPlan.Call> calls = plan.calls(new Simulation(config).inBusinessTimeOrder(), config.end());
        Map<String, Long> perRepAndQuarter = calls.stream().collect(Collectors.groupingBy(
                c -> c.scope() + " " + c.period(), Collectors.counting()));
        // FY2025-Q1 .. FY2026-Q3 three each; FY2026-Q4 (the history ends 2026-11-20) its first and middle call;
        // 16 reps, 4 managers, 2 region leaders and the CRO call
        assertThat(perRepAndQuarter).hasSize((16 + 4 + 2 + 1) * 8);
        assertThat(perRepAndQuarter.get("rep:rep-1 FY2025-Q2")).isEqualTo(3);
        assertThat(perRepAndQuarter.get("rep:rep-1 FY2026-Q4")).isEqualTo(2);
        assertThat(perRepAndQuarter.get("team:team-1 FY2025-Q2")).isEqualTo(3);
        assertThat(perRepAndQuarter.get("org FY2026-Q4")).isEqualTo(2);
        // a manager's call is their reps' sum times their own bias (0.8 to 1.2), rounded up to 1,000
        for (SalesPlan.Call team : calls.stream().filter(c -> c.scope().equals("team:team-1")).toList()) {
            BigDecimal reps = calls.stream().filter(c -> c.submittedAt().equals(team.submittedAt()) && c.repId() != null
                    && plan.teamOfRep().get(c.repId()).equals("team-1")).map(SalesPlan.Call::commit)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(team.repId()).isNull();
            assertThat(team.commit()).isBetween(reps.multiply(new BigDecimal("0.8")),
                    reps.multiply(new BigDecimal("1.2")).add(new BigDecimal("1000")));
        }
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.bestCase()).isGreaterThanOrEqualTo(call.commit());
            assertThat(call.submittedAt()).isBefore(config.end());
        });
        assertThat(calls.stream().filter(c -> c.commit().signum() > 0).count()).isGreaterThan(calls.size() / 2);
        assertThat(plan.biasOf(plan.org().reps().get(0))).isBetween(new BigDecimal("0.80"), new BigDecimal("1.20"));
    }

    private static OpportunityEvent.DealClosedWon won(String id, String amount, String currency, String date) {
        Deal deal = new Deal(id, "a", "n", "amer-team-1-rep-1", "amer-team-1", "amer", "SMB", "NEW_BUSINESS", "smb", 1,
                new BigDecimal(amount), currency, LocalDate.parse(date), "Closed won", "CLOSED", "WON", true);
        return new OpportunityEvent.DealClosedWon(deal, "Selected", "COMMIT",
                LocalDate.parse(date).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), "amer-team-1-rep-1");
    }

    private static Deal deal(String id, String amount, String currency, String category) {
        return new Deal(id, "a", "n", "r", "t", "amer", "SMB", "NEW_BUSINESS", "smb", 1, new BigDecimal(amount),
                currency, LocalDate.parse("2025-06-10"), "Evaluation", category, "OPEN", true);
    }
}
