package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.opportunity.api.OpportunityOpened;
import io.pipeline.opportunity.query.OpportunityProjection;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Events stored before the input policy existed, which the deal list cannot store, are parked (in parked_event and on
 * the dead-letter topic, once each) and the list goes on with the next events.
 */
class PoisonEventParkingTest extends HttpTestBase {

    @Autowired
    EventStore eventStore;

    static OpportunityOpened opened(String id, String regionId, String name) {
        return new OpportunityOpened(id, "acc-1", name, "rep-1", "team-1", regionId, "ENTERPRISE", "NEW_BUSINESS",
                "enterprise", 1, new BigDecimal("100.00"), "USD", LocalDate.parse("2026-12-15"), "Qualified",
                "PIPELINE", true, null, Instant.parse("2026-11-02T10:00:00Z"), "rep-1");
    }

    @Test
    void eventsTheDealListCannotStoreAreParkedOnceAndTheNextEventsAreListed() {
        String nul = "opp-poison-nul";
        String tooLong = "opp-poison-long";
        String good = "opp-poison-next";
        // straight into the event store, as a stack poisoned before this fix holds them
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", nul, 0, opened(nul, "emea\u0000", "Nul")));
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", tooLong, 0,
                opened(tooLong, "emea", "x".repeat(300))));
        eventStore.publish(new GenericDomainEventMessage<>("Opportunity", good, 0, opened(good, "emea", "Next")));

        HttpJson.Response next = eventually().until(() -> http.get("/api/opportunities/" + good),
                response -> response.status() == 200);
        assertThat(next.json().get("regionId").asString()).isEqualTo("emea");
        assertThat(http.get("/api/opportunities/" + nul).status()).isEqualTo(404);

        assertThat(jdbc.queryForList("select event_id from parked_event where processing_group = ?", String.class,
                OpportunityProjection.PROCESSING_GROUP)).hasSize(2);
        assertThat(jdbc.queryForObject("select reason from parked_event p join domainevententry e"
                + " on e.eventidentifier = p.event_id where e.aggregateidentifier = ?", String.class, nul))
                .contains("SQLSTATE 22021");
        var parked = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.DEAD_LETTERS,
                r -> Set.of(nul, tooLong).contains(r.key()), found -> found.size() >= 2, Duration.ofSeconds(20));
        assertThat(parked).extracting(r -> r.key()).containsExactlyInAnyOrder(nul, tooLong);
        assertThat(KafkaProbe.header(parked.get(0), EventHeaders.DLT_SOURCE_TOPIC))
                .isEqualTo("event-store/" + OpportunityProjection.PROCESSING_GROUP);

        var health = new HttpJson("http://127.0.0.1:" + port).get("/actuator/health").json();
        assertThat(health.get("components").get("parkedEvents").get("details")
                .get(OpportunityProjection.PROCESSING_GROUP).get("parked").asLong()).isEqualTo(2);
    }
}
