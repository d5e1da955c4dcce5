package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo history is played story by story, the latest first. */
class StoriesTest {

    final Simulation simulation = new Simulation(SimulationConfig.defaults().withSeed(3)
            .withPeriod(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"))
            .withOrg(new SimulationConfig.OrgShape(1, 2, 4)));

    @Test
    void theStoriesHoldEveryEventOnceAndAConvertedLeadsDealFollowsItsLead() {
        List<Simulation.Story> stories = simulation.storiesLatestFirst().toList();
        List<IntegrationEvent> played = new ArrayList<>();
        for (Simulation.Story story : stories) {
            played.addAll(story.events());
            Set<String> converted = new HashSet<>();
            Instant previous = Instant.MIN;
            for (IntegrationEvent event : story.events()) {
                assertThat(event.occurredAt()).isAfterOrEqualTo(previous);
                previous = event.occurredAt();
                if (event instanceof LeadEvent.LeadConverted conversion) {
                    converted.add(conversion.opportunityId());
                }
                if (event instanceof OpportunityEvent.OpportunityOpened opened && opened.leadId() != null) {
                    assertThat(converted).as("the lead of %s comes first", opened.deal().opportunityId())
                            .contains(opened.deal().opportunityId());
                }
            }
        }
        assertThat(played).containsExactlyInAnyOrderElementsOf(simulation.events().toList());
    }

    @Test
    void theLatestStoriesComeFirst() {
        List<Instant> starts = simulation.storiesLatestFirst().map(s -> s.events().get(0).occurredAt()).toList();
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i)).isBeforeOrEqualTo(starts.get(i - 1));
        }
    }
}
