package io.pipeline.lead.web;

import static io.pipeline.lead.web.LeadApi.captureRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.OpenApiContract;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * lead-service's served OpenAPI document against its real answers, successes and refusals alike, for every
 * operation of the document: {@link #everyOperationOfTheDocumentHadAValidatedAnswer()} fails when one has none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class LeadOpenApiContractTest {

    static OpenApiContract contract;

    @LocalServerPort
    int port;
    LeadApi api;
    HttpJson anonymous;
    HttpJson rep;

    @BeforeEach
    void client() {
        api = new LeadApi(port);
        anonymous = new HttpJson("http://127.0.0.1:" + port);
        rep = anonymous.as(TestTokens.rep("contract-rep", "team-sdr", "emea").token());
        if (contract == null) {
            contract = OpenApiContract.of("http://127.0.0.1:" + port);
        }
    }

    @AfterAll
    static void everyOperationOfTheDocumentHadAValidatedAnswer() {
        contract.assertEveryOperationValidated();
    }

    private HttpJson.Response transition(String leadId, String action, Object body) {
        return contract.assertConforms("POST", "/api/leads/{leadId}/" + action, api.transition(leadId, action, body));
    }

    @Test
    void aLeadsWholeLifeAnswersWhatTheDocumentPromises() {
        var captured = contract.assertConforms("POST", "/api/leads", api.capture(captureRequest("contract-1", "sdr-1")));
        var repeated = contract.assertConforms("POST", "/api/leads", api.capture(captureRequest("contract-1", "sdr-1")));
        var nurtured = transition("contract-1", "nurture", Map.of());
        var mql = transition("contract-1", "mark-mql", Map.of("score", 70));
        var qualified = transition("contract-1", "qualify", LeadApi.bant());
        var accepted = transition("contract-1", "accept", Map.of("aeId", "ae-1", "teamId", "team-ae"));
        var converted = transition("contract-1", "convert", LeadApi.conversion());
        var read = await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/leads/contract-1"),
                r -> r.status() == 200 && "CONVERTED".equals(r.json().path("state").asString()));
        contract.assertConforms("GET", "/api/leads/{leadId}", read);
        var list = contract.assertConforms("GET", "/api/leads", api.get("/api/leads?state=CONVERTED"));
        var history = contract.assertConforms("GET", "/api/leads/{leadId}/history",
                api.get("/api/leads/contract-1/history"));

        assertThat(captured.status()).isEqualTo(201);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(java.util.List.of(nurtured, mql, qualified, accepted, converted))
                .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        assertThat(converted.json().path("opportunityId").asString()).isNotBlank();
        assertThat(list.json().path("totalItems").asLong()).isPositive();
        assertThat(history.status()).isEqualTo(200);
        // the conversion's amount is a fact of the lead's history: a decimal string with its scale
        assertThat(history.body()).contains("\"50000.00\"");
    }

    @Test
    void closingAndRecyclingALeadAnswerWhatTheDocumentPromises() {
        api.capture(captureRequest("contract-closed", "sdr-1"));
        var rejected = transition("contract-closed", "reject", Map.of("reason", "no fit"));
        var recycled = transition("contract-closed", "recycle", Map.of());
        var disqualified = transition("contract-closed", "disqualify", Map.of("reason", "no budget"));
        var replay = contract.assertConforms("POST", "/api/admin/read-models/leads/replay",
                api.postRaw("/api/admin/read-models/leads/replay", ""));

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(recycled.status()).isEqualTo(200);
        assertThat(disqualified.status()).isEqualTo(200);
        assertThat(replay.status()).as("a replay starts and answers at once").isEqualTo(202);
    }

    @Test
    void everyRefusalIsADocumentedProblem() {
        api.capture(captureRequest("contract-2", "sdr-1"));
        Map<String, Object> nul = new LinkedHashMap<>(captureRequest("contract-nul", "sdr-1"));
        nul.put("regionId", "em\u0000ea");
        Map<String, Object> coerced = new LinkedHashMap<>(LeadApi.conversion());
        coerced.put("amount", true);

        var invalid = contract.assertConforms("POST", "/api/leads", api.capture(nul));
        var notAnAmount = transition("contract-2", "convert", coerced);
        var missing = contract.assertConforms("GET", "/api/leads/{leadId}", api.get("/api/leads/nobody-here"));
        var noHistory = contract.assertConforms("GET", "/api/leads/{leadId}/history",
                api.get("/api/leads/nobody-here/history"));
        var missingLead = transition("nobody-here", "nurture", Map.of());
        var illegal = transition("contract-2", "convert", LeadApi.conversion());
        var stale = contract.assertConforms("POST", "/api/leads/{leadId}/nurture",
                api.transition("contract-2", "nurture", Map.of(), "\"7\""));
        var anonymousList = contract.assertConforms("GET", "/api/leads", anonymous.get("/api/leads"));
        var forOther = contract.assertConforms("POST", "/api/leads",
                rep.post("/api/leads", captureRequest("contract-other", "someone-else")));
        var notAnAdmin = contract.assertConforms("POST", "/api/admin/read-models/leads/replay",
                rep.post("/api/admin/read-models/leads/replay", ""));
        var tooLarge = contract.assertConforms("POST", "/api/leads",
                api.postRaw("/api/leads", "{\"personName\":\"" + "x".repeat(1_100_000) + "\"}"));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("regionId");
        assertThat(notAnAmount.status()).isEqualTo(400);
        assertThat(notAnAmount.body()).contains("amount");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(noHistory.status()).isEqualTo(404);
        assertThat(missingLead.status()).isEqualTo(404);
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(anonymousList.status()).isEqualTo(401);
        assertThat(forOther.status()).isEqualTo(403);
        assertThat(notAnAdmin.status()).isEqualTo(403);
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void aConversionAmountMayBeADecimalStringOrAJsonNumberAndTheDocumentSaysSo() {
        api.walk("contract-number", "sdr-1", "nurture", "mark-mql", "qualify", "accept");
        Map<String, Object> asNumber = new LinkedHashMap<>(LeadApi.conversion());
        asNumber.put("amount", new java.math.BigDecimal("50000.50"));

        var converted = transition("contract-number", "convert", asNumber);
        var amount = contract.document().at("/components/schemas/ConvertLeadRequest/properties/amount");

        assertThat(converted.status()).as(converted.body()).isEqualTo(200);
        assertThat(amount.path("type").toString()).contains("string", "number");
        assertThat(amount.path("format").asString()).isEqualTo("decimal");
    }

    @Test
    void theDocumentStatesTheInputPolicyAndTheTrueStatuses() {
        String document = contract.document().toString();

        assertThat(document).contains("\"maxLength\":256", "\"Problem\"", "application/problem+json");
        assertThat(contract.operation("POST", "/api/leads").path("responses").propertyNames())
                .contains("201", "200", "400", "401", "403", "413", "429");
        assertThat(contract.operation("GET", "/api/leads/{leadId}").path("responses").propertyNames())
                .contains("200", "404").doesNotContain("201", "409");
        assertThat(contract.operation("POST", "/api/admin/read-models/leads/replay").path("responses")
                .propertyNames()).contains("202").doesNotContain("200", "201");
    }
}
