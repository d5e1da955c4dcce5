package io.pipeline.lead.web;

import static io.pipeline.lead.web.LeadApi.captureRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.lead.api.Conversions;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class LeadHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    LeadApi api;

    @BeforeEach
    void client() {
        api = new LeadApi(port);
    }

    private int storedEvents(String leadId) {
        return jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                Integer.class, leadId);
    }

    private HttpJson.Response readWhenVersion(String leadId, int version) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/leads/" + leadId),
                r -> r.status() == 200 && r.json().get("version").asInt() == version);
    }

    @Test
    void aLeadGoesFromCaptureToConversionAndEveryStepReachesTheLeadTopic() {
        var captured = api.capture(captureRequest("http-flow", "sdr-1"));
        assertThat(captured.status()).isEqualTo(201);
        assertThat(captured.header("Location")).isEqualTo("/api/leads/http-flow");
        assertThat(captured.header("ETag")).isEqualTo("\"0\"");

        api.transition("http-flow", "nurture", Map.of());
        api.transition("http-flow", "mark-mql", Map.of("score", 80));
        api.transition("http-flow", "qualify", LeadApi.bant());
        api.transition("http-flow", "accept", Map.of("aeId", "ae-7", "teamId", "team-ae"));
        var converted = api.transition("http-flow", "convert", LeadApi.conversion());
        var retried = api.transition("http-flow", "convert", LeadApi.conversion());

        assertThat(converted.status()).isEqualTo(200);
        assertThat(converted.header("ETag")).isEqualTo("\"5\"");
        assertThat(converted.json().get("state").asString()).isEqualTo("CONVERTED");
        assertThat(converted.json().get("opportunityId").asString()).isEqualTo(Conversions.opportunityIdFor("http-flow"));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("changed").asBoolean()).isFalse();
        assertThat(storedEvents("http-flow")).isEqualTo(6);

        var view = readWhenVersion("http-flow", 5).json();
        assertThat(view.get("state").asString()).isEqualTo("CONVERTED");
        assertThat(view.get("ownerId").asString()).isEqualTo("ae-7");
        assertThat(view.get("teamId").asString()).isEqualTo("team-ae");
        assertThat(view.get("score").asInt()).isEqualTo(80);
        assertThat(view.get("qualificationFramework").asString()).isEqualTo("BANT");
        assertThat(view.get("qualificationAnswers").get("authority").asString()).isEqualTo("CFO");
        assertThat(view.get("accountId").asString()).isEqualTo("acc-1");
        assertThat(view.get("allowedTransitions")).isEmpty();

        var records = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.LEADS,
                r -> "http-flow".equals(r.key()), found -> found.size() >= 6, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> KafkaProbe.header(r, EventHeaders.TYPE)).containsExactly(
                "pipeline.lead.LeadCaptured", "pipeline.lead.LeadNurtured", "pipeline.lead.LeadMarketingQualified",
                "pipeline.lead.LeadQualified", "pipeline.lead.LeadAccepted", "pipeline.lead.LeadConverted");
        assertThat(records).extracting(r -> KafkaProbe.header(r, EventHeaders.SEQUENCE))
                .containsExactly("0", "1", "2", "3", "4", "5");
        String conversion = new String(records.get(5).value(), StandardCharsets.UTF_8);
        assertThat(conversion).contains("\"opportunityId\":\"" + Conversions.opportunityIdFor("http-flow") + "\"")
                .contains("\"accountId\":\"acc-1\"").contains("\"amount\":\"50000.00\"")
                .contains("\"ownerId\":\"ae-7\"").contains("\"source\":\"INBOUND\"").contains("\"segment\":\"ENTERPRISE\"")
                .contains("\"state\":\"CONVERTED\"").doesNotContain("ada@acme.test");
    }

    @Test
    void aTransitionTheLeadDoesNotAllowIsA409NamingTheStateAndTheAllowedTransitions() {
        api.walk("http-409", "sdr-1");

        var refused = api.transition("http-409", "convert", LeadApi.conversion());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("currentState").asString()).isEqualTo("CAPTURED");
        assertThat(refused.json().get("allowedTransitions").valueStream().map(n -> n.asString()).toList())
                .containsExactly("disqualify", "nurture", "reject");
        assertThat(storedEvents("http-409")).isEqualTo(1);
    }

    @Test
    void anUnknownLeadIsA404ForReadsAndCommands() {
        assertThat(api.get("/api/leads/nobody").status()).isEqualTo(404);
        var command = api.transition("nobody", "nurture", Map.of());
        assertThat(command.status()).isEqualTo(404);
        assertThat(command.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void missingAndInvalidFieldsAreEachNamedInA400() {
        Map<String, Object> body = captureRequest("http-400", "sdr-1");
        body.remove("email");
        body.put("score", 101);
        body.put("company", " ");

        var response = api.capture(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("company", "email", "score");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(storedEvents("http-400")).isZero();

        Map<String, Object> badSource = captureRequest("http-400", "sdr-1");
        badSource.put("source", "BILLBOARD");
        assertThat(api.capture(badSource).json().get("errors").get(0).get("field").asString()).isEqualTo("source");
    }

    @Test
    void qualifyingNeedsTheAnswersOfExactlyOneFramework() {
        api.walk("http-qualify", "sdr-1", "nurture", "mark-mql");

        var neither = api.transition("http-qualify", "qualify", Map.of());
        var blank = api.transition("http-qualify", "qualify", Map.of("bant",
                Map.of("budget", "100k", "authority", "CFO", "need", "", "timing", "Q3")));
        var both = api.transition("http-qualify", "qualify", Map.of("bant", LeadApi.bant().get("bant"),
                "meddic", Map.of("metrics", "m")));

        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.json().get("errors").get(0).get("field").asString()).isEqualTo("bant");
        assertThat(blank.json().get("errors").findValuesAsString("field")).containsExactly("bant.need");
        assertThat(both.status()).isEqualTo(400);
        assertThat(storedEvents("http-qualify")).isEqualTo(3);
    }

    @Test
    void aStaleIfMatchIsA412AndChangesNothing() {
        var captured = api.capture(captureRequest("http-412", "sdr-1"));
        var nurtured = api.transition("http-412", "nurture", Map.of(), captured.header("ETag"));

        var stale = api.transition("http-412", "mark-mql", Map.of(), captured.header("ETag"));
        var unreadable = api.transition("http-412", "mark-mql", Map.of(), "yesterday");

        assertThat(nurtured.status()).isEqualTo(200);
        assertThat(nurtured.header("ETag")).isEqualTo("\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.json().get("errors").get(0).get("field").asString()).isEqualTo("If-Match");
        assertThat(storedEvents("http-412")).isEqualTo(2);
        assertThat(api.transition("http-412", "mark-mql", Map.of(), nurtured.header("ETag")).status()).isEqualTo(200);
    }

    @Test
    void malformedUnknownAndOversizedBodiesAreRefusedCleanly() {
        var broken = api.postRaw("/api/leads", "{\"personName\": ");
        Map<String, Object> typo = captureRequest("http-typo", "sdr-1");
        typo.put("emial", "x@y.test");
        var tooLarge = api.postRaw("/api/leads", "{\"personName\": \"" + "x".repeat(2_000_000) + "\"}");
        var deep = api.postRaw("/api/leads", "[".repeat(5_000) + "]".repeat(5_000));

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("title").asString()).isEqualTo("Malformed JSON");
        assertThat(api.capture(typo).json().get("errors").get(0).get("field").asString()).isEqualTo("emial");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(deep.status()).isEqualTo(400);
        assertThat(List.of(broken, tooLarge, deep)).allSatisfy(r ->
                assertThat(r.header("Content-Type")).startsWith("application/problem+json"));
    }

    @Test
    void importedHistoryKeepsItsBusinessTimeAndStaysInOrder() {
        Map<String, Object> body = captureRequest("http-import", "sdr-1");
        body.put("occurredAt", "2024-03-01T10:00:00Z");
        api.capture(body);
        api.transition("http-import", "nurture", Map.of("occurredAt", "2024-03-05T10:00:00Z"));

        var earlier = api.transition("http-import", "mark-mql", Map.of("occurredAt", "2024-03-02T10:00:00Z"));
        var future = api.transition("http-import", "mark-mql", Map.of("occurredAt", "2999-01-01T00:00:00Z"));

        assertThat(earlier.status()).isEqualTo(400);
        assertThat(earlier.json().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
        assertThat(future.status()).isEqualTo(400);
        var view = readWhenVersion("http-import", 1).json();
        assertThat(view.get("createdAt").asString()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(view.get("stateChangedAt").asString()).isEqualTo("2024-03-05T10:00:00Z");
    }

    @Test
    void theListFiltersByStateOwnerSourceAndCaptureTimeAndPages() {
        for (int i = 1; i <= 5; i++) {
            Map<String, Object> body = captureRequest("http-list-" + i, "list-owner");
            body.put("occurredAt", "2025-0" + i + "-10T00:00:00Z");
            body.put("source", i <= 2 ? "REFERRAL" : "EVENT");
            api.capture(body);
        }
        api.transition("http-list-5", "nurture", Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/leads?ownerId=list-owner&state=NURTURING")
                .json().get("totalItems").asInt() == 1);

        var all = api.get("/api/leads?ownerId=list-owner&size=2").json();
        var referrals = api.get("/api/leads?ownerId=list-owner&source=REFERRAL").json();
        var spring = api.get("/api/leads?ownerId=list-owner&createdFrom=2025-03-01T00:00:00Z"
                + "&createdTo=2025-05-01T00:00:00Z").json();
        var secondPage = api.get("/api/leads?ownerId=list-owner&size=2&page=2").json();

        assertThat(all.get("totalItems").asInt()).isEqualTo(5);
        assertThat(all.get("items").findValuesAsString("leadId")).containsExactly("http-list-5", "http-list-4");
        assertThat(referrals.get("items").findValuesAsString("leadId")).containsExactly("http-list-2", "http-list-1");
        assertThat(spring.get("items").findValuesAsString("leadId")).containsExactly("http-list-4", "http-list-3");
        assertThat(secondPage.get("items").findValuesAsString("leadId")).containsExactly("http-list-1");
        assertThat(api.get("/api/leads?size=0").status()).isEqualTo(400);
        assertThat(api.get("/api/leads?state=WON").json().get("errors").get(0).get("field").asString())
                .isEqualTo("state");
        assertThat(api.get("/api/leads?createdFrom=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theServiceServesItsOpenApiDocument() {
        var document = api.get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("paths").propertyNames()).contains("/api/leads", "/api/leads/{leadId}",
                "/api/leads/{leadId}/convert", "/api/leads/{leadId}/mark-mql");
    }
}
