package io.pipeline.lead.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.lead.api.LeadNurtured;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.lead.api.LeadRejected;
import io.pipeline.lead.api.LeadSource;
import io.pipeline.lead.api.LeadState;
import io.pipeline.lead.api.Segment;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.TestTokens;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.RequestBodies;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class LeadReadModelTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LeadViewProjection projection;
    @Autowired
    LeadViewReplay replay;
    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
    }

    private void captureAndNurture(String leadId) {
        // the read model's row is checked against this profile below
        Map<String, Object> body = RequestBodies.captureLead(leadId, "sdr-2");
        body.put("company", "Navy");
        body.put("source", "PARTNER");
        body.put("regionId", "amer");
        body.put("segment", "MID_MARKET");
        http.post("/api/leads", body);
        http.post("/api/leads/" + leadId + "/nurture", Map.of());
    }

    private Map<String, Object> row(String leadId) {
        return jdbc.queryForMap("select company, state, version from lead_view where lead_id = ?", leadId);
    }

    private void awaitVersion(String leadId, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                "select version from lead_view where lead_id = ?", Long.class, leadId).contains(version));
    }

    @Test
    void aDuplicateOrReplayedEventChangesNothing() {
        captureAndNurture("view-dup");
        awaitVersion("view-dup", 1);
        Map<String, Object> before = row("view-dup");
        LeadProfile profile = new LeadProfile("Navy", LeadSource.PARTNER, "sdr-2", "team-sdr", "amer",
                Segment.MID_MARKET);

        projection.on(new LeadNurtured("view-dup", profile, LeadState.CAPTURED, Instant.now(), "again"), 1);
        projection.on(new LeadRejected("view-dup", profile, LeadState.CAPTURED, "old news", Instant.now(), "late"), 0);

        assertThat(row("view-dup")).isEqualTo(before);
    }

    @Test
    void aReplayRebuildsTheReadModelFromTheEventStore() {
        captureAndNurture("view-replay");
        awaitVersion("view-replay", 1);
        jdbc.update("update lead_view set company = 'damaged', state = 'MQL' where lead_id = ?", "view-replay");

        var accepted = http.post("/api/admin/read-models/leads/replay", Map.of());

        assertThat(accepted.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
                "select company from lead_view where lead_id = ?", String.class, "view-replay").contains("Navy"));
        await().atMost(Duration.ofSeconds(10)).until(replay::finished);
        assertThat(row("view-replay")).containsEntry("state", "NURTURING").containsEntry("version", 1L);
        // a lead whose events were all parked (another test of this JVM stores one with a NUL) has no row
        assertThat(jdbc.queryForObject("select count(*) from lead_view", Long.class)).isEqualTo(jdbc.queryForObject(
                "select count(distinct aggregateidentifier) from domainevententry e where not exists"
                        + " (select 1 from parked_event p where p.event_id = e.eventidentifier)", Long.class));
    }
}
