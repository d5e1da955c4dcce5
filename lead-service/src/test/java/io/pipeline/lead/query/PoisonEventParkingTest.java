package io.pipeline.lead.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.Topics;
import io.pipeline.lead.api.LeadCaptured;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.lead.api.LeadSource;
import io.pipeline.lead.api.Segment;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A lead event stored before the input policy existed, which the lead list cannot store, is parked; the list goes on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class PoisonEventParkingTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    static LeadCaptured captured(String leadId, String company) {
        return new LeadCaptured(leadId, new LeadProfile(company, LeadSource.INBOUND, "sdr-1", "team-sdr", "emea",
                Segment.SMB), "Ada Lovelace", "ada@example.test", null, null, Instant.parse("2026-11-02T10:00:00Z"),
                "sdr-1");
    }

    @Test
    void aLeadEventTheListCannotStoreIsParkedOnceAndTheNextLeadsAreListed() {
        String poison = "lead-poison-nul";
        String good = "lead-poison-next";
        eventStore.publish(new GenericDomainEventMessage<>("Lead", poison, 0, captured(poison, "Acme\u0000")));
        eventStore.publish(new GenericDomainEventMessage<>("Lead", good, 0, captured(good, "Acme")));
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());

        HttpJson.Response next = await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/leads/" + good),
                response -> response.status() == 200);
        assertThat(next.json().get("company").asString()).isEqualTo("Acme");
        assertThat(jdbc.queryForObject("select reason from parked_event p join domainevententry e"
                + " on e.eventidentifier = p.event_id where e.aggregateidentifier = ?", String.class, poison))
                .contains("SQLSTATE 22021");
        var parked = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.DEAD_LETTERS,
                r -> poison.equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(parked).hasSize(1);
        var health = new HttpJson("http://127.0.0.1:" + port).get("/actuator/health").json();
        assertThat(health.get("components").get("parkedEvents").get("details")
                .get(LeadViewProjection.PROCESSING_GROUP).get("parked").asLong()).isEqualTo(1);
    }
}
