package io.pipeline.simulator;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small named org like the local stack's demo, and the state its simulation leaves at a cut. */
final class DemoOrgs {

    static final SimulationConfig.OrgShape NAMED = new SimulationConfig.OrgShape(2, 2, 4).named(
            new SimulationConfig.OrgNames(List.of("emea", "amer"), List.of("team-1", "team-3", "team-2", "team-4"),
                    List.of("rep-1", "rep-2", "rep-5", "rep-6", "rep-9", "rep-10", "rep-11", "rep-12",
                            "rep-3", "rep-4", "rep-7", "rep-8", "rep-13", "rep-14", "rep-15", "rep-16")));

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    static SimulationConfig config() {
        return SimulationConfig.defaults().withSeed(42).withOrg(NAMED).withPeriod(START, NOW);
    }

    /** Each lead and deal as its last event before the cut left it. */
    record State(Map<String, OpportunityEvent.Deal> deals, Map<String, LeadEvent.Lead> leads) {
    }

    static State stateOf(Simulation simulation) {
        Map<String, OpportunityEvent.Deal> deals = new LinkedHashMap<>();
        Map<String, LeadEvent.Lead> leads = new LinkedHashMap<>();
        simulation.events().forEach(event -> record(event, deals, leads));
        return new State(deals, leads);
    }

    static void record(IntegrationEvent event, Map<String, OpportunityEvent.Deal> deals,
                       Map<String, LeadEvent.Lead> leads) {
        if (event instanceof OpportunityEvent change) {
            deals.put(change.deal().opportunityId(), change.deal());
        } else if (event instanceof LeadEvent change) {
            leads.put(change.lead().leadId(), change.lead());
        }
    }

    private DemoOrgs() {
    }
}
