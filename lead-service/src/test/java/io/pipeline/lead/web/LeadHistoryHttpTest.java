package io.pipeline.lead.web;

import static io.pipeline.lead.web.LeadApi.captureRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.lead.api.Conversions;
import io.pipeline.testsupport.HistoryLines;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.RoleCallers;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A lead's history over real HTTP, read back from the real event store, against what was sent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class LeadHistoryHttpTest {

    @LocalServerPort
    int port;
    LeadApi api;

    @BeforeEach
    void client() {
        api = new LeadApi(port);
    }

    private static void ok(HttpJson.Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    @Test
    void theHistoryOfALeadFromCaptureToConversionIsWhatWasSentWithTheQualificationEvidence() {
        Map<String, Object> capture = captureRequest("hist-lead", "sdr-1");
        // an hour ago: a live capture may not be dated into a closed quarter (that would be marked imported)
        String captured = java.time.Instant.now().minusSeconds(3_600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        capture.put("occurredAt", captured);
        ok(api.capture(capture));
        ok(api.transition("hist-lead", "nurture", Map.of()));
        ok(api.transition("hist-lead", "mark-mql", Map.of("score", 80)));
        ok(api.transition("hist-lead", "qualify", LeadApi.bant()));
        ok(api.transition("hist-lead", "accept", Map.of("aeId", "ae-7", "teamId", "team-ae")));
        ok(api.transition("hist-lead", "convert", LeadApi.conversion()));

        var answer = api.get("/api/leads/hist-lead/history");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode history = answer.json();
        assertThat(history.get("totalItems").asLong()).isEqualTo(6);
        assertThat(HistoryLines.of(history).get(0)).isEqualTo("0 LeadCaptured " + captured + " status:null>CAPTURED"
                + " ownerId:null>sdr-1 teamId:null>team-sdr regionId:null>emea score:null>40 source:null>INBOUND"
                + " company:null>Acme segment:null>ENTERPRISE");
        // worked out by hand from LeadApi's requests
        assertThat(HistoryLines.withoutTimes(history)).containsExactly(
                "0 LeadCaptured status:null>CAPTURED ownerId:null>sdr-1 teamId:null>team-sdr regionId:null>emea"
                        + " score:null>40 source:null>INBOUND company:null>Acme segment:null>ENTERPRISE",
                "1 LeadNurtured status:CAPTURED>NURTURING",
                "2 LeadMarketingQualified status:NURTURING>MQL score:40>80",
                "3 LeadQualified status:MQL>SQL framework:null>BANT criteria.budget:null>100k"
                        + " criteria.authority:null>CFO criteria.need:null>forecasting criteria.timing:null>Q3",
                "4 LeadAccepted status:SQL>SAL ownerId:sdr-1>ae-7 teamId:team-sdr>team-ae",
                "5 LeadConverted status:SAL>CONVERTED convertedOpportunityId:null>"
                        + Conversions.opportunityIdFor("hist-lead") + " accountId:null>acc-1 amount:null>50000.00"
                        + " currency:null>EUR closeDate:null>2026-12-31");
        for (JsonNode item : history.get("items")) {
            assertThat(item.get("actor").asString()).isEqualTo("test-admin");
            assertThat(item.get("imported").asBoolean()).isFalse();
            assertThat(item.get("recordedAt").asString()).isNotBlank();
        }
    }

    @Test
    void aRejectedRecycledAndDisqualifiedLeadShowsEachReasonAndAPageReadsTheScoreFromBeforeIt() {
        ok(api.capture(captureRequest("hist-reasons", "sdr-2")));
        ok(api.transition("hist-reasons", "reject", Map.of("reason", "no budget")));
        ok(api.transition("hist-reasons", "recycle", Map.of()));
        ok(api.transition("hist-reasons", "mark-mql", Map.of()));
        ok(api.transition("hist-reasons", "disqualify", Map.of("reason", "competitor customer")));

        assertThat(HistoryLines.withoutTimes(api.get("/api/leads/hist-reasons/history?page=1&size=2").json()))
                .containsExactly("2 LeadRecycled status:REJECTED>NURTURING",
                        // an MQL without a score keeps the score of the capture
                        "3 LeadMarketingQualified status:NURTURING>MQL");
        assertThat(HistoryLines.withoutTimes(api.get("/api/leads/hist-reasons/history").json()))
                .contains("1 LeadRejected status:CAPTURED>REJECTED reason:null>no budget",
                        "4 LeadDisqualified status:MQL>DISQUALIFIED reason:null>competitor customer");
    }

    @Test
    void aLeadTheCallerMayNotSeeAnswersItsHistoryExactlyAsAMissingId() {
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        RoleCallers callers = RoleCallers.of(anonymous, "lhist");
        Map<String, Object> lead = captureRequest("lhist-of-a", callers.repAId());
        lead.put("teamId", callers.team(1));
        ok(callers.repA().post("/api/leads", lead));

        assertThat(callers.repA().get("/api/leads/lhist-of-a/history").status()).isEqualTo(200);
        assertThat(callers.managerOfTeam1().get("/api/leads/lhist-of-a/history").status()).isEqualTo(200);
        var otherRep = callers.repB().get("/api/leads/lhist-of-a/history");
        var missing = callers.repB().get("/api/leads/lhist-of-nobody/history");
        assertThat(otherRep.status()).isEqualTo(404);
        assertThat(callers.managerOfTeam2().get("/api/leads/lhist-of-a/history").status()).isEqualTo(404);
        assertThat(otherRep.body().replace("lhist-of-a", "ID")).isEqualTo(missing.body().replace("lhist-of-nobody", "ID"));
        assertThat(api.get("/api/leads/lhist-of-a/history?size=501").status()).isEqualTo(400);
    }
}
