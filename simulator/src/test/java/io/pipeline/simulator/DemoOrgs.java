package io.pipeline.simulator;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The local stack's demo org as of a fixed now, and the state its simulation leaves then. */
final class DemoOrgs {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    static SimulationConfig config() {
        return DemoOrg.config(NOW);
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
