package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An org named like the local stack's demo users, and a history long enough for trends. */
class NamedOrgTest {

    static List<IntegrationEvent> events;

    @BeforeAll
    static void simulate() {
        events = new Simulation(DemoOrgs.config()).events().toList();
    }

    @Test
    void everyLeadAndDealBelongsToANamedRepInTheirTeamAndRegion() {
        Map<String, String> teamOf = Map.of("rep-1", "team-1", "rep-2", "team-1", "rep-3", "team-2", "rep-4", "team-2",
                "rep-9", "team-3", "rep-16", "team-4");
        Map<String, String> regionOf = Map.of("team-1", "emea", "team-3", "emea", "team-2", "amer", "team-4", "amer");
        Set<String> owners = new HashSet<>();
        for (IntegrationEvent event : events) {
            String owner;
            String team;
            String region;
            if (event instanceof LeadEvent lead) {
                owner = lead.lead().ownerId();
                team = lead.lead().teamId();
                region = lead.lead().regionId();
            } else {
                OpportunityEvent.Deal deal = ((OpportunityEvent) event).deal();
                owner = deal.ownerId();
                team = deal.teamId();
                region = deal.regionId();
            }
            owners.add(owner);
            assertThat(owner).matches("rep-([1-9]|1[0-6])");
            if (teamOf.containsKey(owner)) {
                assertThat(team).as("team of %s", owner).isEqualTo(teamOf.get(owner));
            }
            assertThat(region).as("region of %s", team).isEqualTo(regionOf.get(team));
        }
        assertThat(owners).hasSize(16);
    }

    @Test
    void theDemoUsersOwnDealsThemselves() {
        Map<String, Integer> dealsOf = new HashMap<>();
        events.stream().filter(OpportunityEvent.OpportunityOpened.class::isInstance)
                .map(e -> ((OpportunityEvent) e).deal().ownerId()).forEach(owner -> dealsOf.merge(owner, 1, Integer::sum));
        for (String rep : List.of("rep-1", "rep-2", "rep-3", "rep-4")) {
            assertThat(dealsOf.getOrDefault(rep, 0)).as("deals of %s", rep).isGreaterThan(10);
        }
    }

    /** Trends over the last 6-8 periods need deals won in each of them. */
    @Test
    void theHistorySpansSevenWholeFiscalQuartersAndTheCurrentOneWithWinsInEach() {
        Map<String, Integer> winsByQuarter = new HashMap<>();
        FiscalCalendar calendar = FiscalCalendar.of(DemoOrgs.config().quarterEnd());
        for (IntegrationEvent event : events) {
            if (event instanceof OpportunityEvent.DealClosedWon won) {
                winsByQuarter.merge(calendar.quarterId(won.deal().closeDate()), 1, Integer::sum);
            }
        }
        assertThat(new TreeSet<>(winsByQuarter.keySet())).containsExactly("FY2025-Q1", "FY2025-Q2", "FY2025-Q3",
                "FY2025-Q4", "FY2026-Q1", "FY2026-Q2", "FY2026-Q3", "FY2026-Q4");
        for (String quarter : List.of("FY2025-Q2", "FY2025-Q3", "FY2025-Q4", "FY2026-Q1", "FY2026-Q2", "FY2026-Q3")) {
            assertThat(winsByQuarter.get(quarter)).as("wins in %s", quarter).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void quarterIdsNameTheFiscalYearByTheYearItEndsIn() {
        assertThat(new FiscalCalendar(1, 2).quarterId(LocalDate.parse("2026-12-01"))).isEqualTo("FY2026-Q4");
        assertThat(new FiscalCalendar(2, 2).quarterId(LocalDate.parse("2026-02-01"))).isEqualTo("FY2027-Q1");
        assertThat(new FiscalCalendar(2, 2).quarterId(LocalDate.parse("2026-01-31"))).isEqualTo("FY2026-Q4");
    }

    @Test
    void namesMustFitTheShape() {
        assertThatThrownBy(() -> new SimulationConfig.OrgShape(1, 1, 2).named(new SimulationConfig.OrgNames(
                List.of("emea"), List.of("team-1"), List.of("rep-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 reps");
    }
}
