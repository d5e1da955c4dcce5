package io.pipeline.opportunity.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.testsupport.BusinessTimes;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.OpenApiContract;
import io.pipeline.testsupport.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** opportunity-service's served OpenAPI document, deals and fiscal periods, against its real answers. */
class OpportunityOpenApiContractTest extends HttpTestBase {

    OpenApiContract contract;

    @BeforeEach
    void document() {
        contract = OpenApiContract.of("http://127.0.0.1:" + port);
    }

    @Test
    void aDealsLifeAnswersWhatTheDocumentPromises() {
        var opened = contract.assertConforms("POST", "/api/opportunities",
                http.post("/api/opportunities", validRequest("contract-deal")));
        var repeated = contract.assertConforms("POST", "/api/opportunities",
                http.post("/api/opportunities", validRequest("contract-deal")));
        contract.assertConforms("GET", "/api/opportunities/{id}", http.get("/api/opportunities/contract-deal"));
        var changed = contract.assertConforms("PUT", "/api/opportunities/{id}/amount",
                put("/api/opportunities/contract-deal/amount", Map.of("amount", "99000.00", "currency", "USD")));
        var won = contract.assertConforms("POST", "/api/opportunities/{id}/close-won",
                post("/api/opportunities/contract-deal/close-won", Map.of(), null));
        contract.assertConforms("GET", "/api/opportunities/{id}/history",
                http.get("/api/opportunities/contract-deal/history"));

        assertThat(opened.status()).isEqualTo(201);
        assertThat(repeated.status()).isIn(200, 201);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(won.status()).isEqualTo(200);
    }

    @Test
    void aDealsRefusalsAreDocumentedProblems() {
        http.post("/api/opportunities", validRequest("contract-refused"));
        Map<String, Object> nul = validRequest("contract-nul");
        nul.put("regionId", "em\u0000ea");

        var invalid = contract.assertConforms("POST", "/api/opportunities", http.post("/api/opportunities", nul));
        var missing = contract.assertConforms("GET", "/api/opportunities/{id}", http.get("/api/opportunities/nothing"));
        var stale = contract.assertConforms("PUT", "/api/opportunities/{id}/amount",
                put("/api/opportunities/contract-refused/amount", Map.of("amount", "1.00", "currency", "USD"), "\"9\""));
        contract.assertConforms("POST", "/api/opportunities/{id}/close-won",
                post("/api/opportunities/contract-refused/close-won", Map.of(), null));
        var conflict = contract.assertConforms("POST", "/api/opportunities/{id}/close-lost",
                post("/api/opportunities/contract-refused/close-lost", Map.of("reason", "NO_DECISION"), null));
        var anonymous = contract.assertConforms("GET", "/api/opportunities/{id}",
                new HttpJson("http://127.0.0.1:" + port).get("/api/opportunities/contract-refused"));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("regionId");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void thePeriodsAnswerWhatTheDocumentPromises() {
        HttpJson revops = http.as(TestTokens.revops("revops-1").token());
        HttpJson rep = http.as(TestTokens.rep("rep-1", "team-1", "emea").token());
        String last = BusinessTimes.quarterBefore(1).id();

        contract.assertConforms("GET", "/api/periods", rep.get("/api/periods"));
        var one = contract.assertConforms("GET", "/api/periods/{period}", rep.get("/api/periods/" + last));
        var closed = contract.assertConforms("POST", "/api/periods/{period}/close",
                revops.post("/api/periods/" + last + "/close", Map.of("reason", "books closed")));
        var forbidden = contract.assertConforms("POST", "/api/periods/{period}/reopen",
                rep.post("/api/periods/" + last + "/reopen", Map.of()));
        var unknown = contract.assertConforms("GET", "/api/periods/{period}", rep.get("/api/periods/FY20X6-Q9"));

        assertThat(one.status()).isEqualTo(200);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(400);
    }
}
