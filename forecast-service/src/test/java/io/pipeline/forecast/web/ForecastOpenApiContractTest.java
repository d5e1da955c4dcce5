package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.OpenApiContract;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** forecast-service's served OpenAPI document, figures, plan and calls, against its real answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-test-${random.uuid}")
@RealInfrastructure(database = "forecast")
class ForecastOpenApiContractTest {

    @LocalServerPort
    int port;
    HttpJson anonymous;
    HttpJson admin;
    HttpJson rep;
    OpenApiContract contract;

    @BeforeEach
    void callers() {
        anonymous = new HttpJson("http://127.0.0.1:" + port);
        admin = anonymous.as(TestTokens.admin("oa-admin").token());
        rep = anonymous.as(TestTokens.rep("oa-rep", "oa-team", "oa-emea").token());
        contract = OpenApiContract.of("http://127.0.0.1:" + port);
    }

    @Test
    void figuresPlanAndCallsAnswerWhatTheDocumentPromises() {
        var team = contract.assertConforms("PUT", "/api/forecast/org/teams/{teamId}",
                admin.put("/api/forecast/org/teams/oa-team", Map.of("regionId", "oa-emea")));
        var repAssigned = contract.assertConforms("PUT", "/api/forecast/org/reps/{repId}",
                admin.put("/api/forecast/org/reps/oa-rep", Map.of("teamId", "oa-team")));
        var totals = contract.assertConforms("GET", "/api/forecast/category-totals",
                admin.get("/api/forecast/category-totals?period=FY2026-Q4"));
        var called = contract.assertConforms("POST", "/api/forecast/calls", rep.post("/api/forecast/calls",
                call("10000.00")));
        contract.assertConforms("GET", "/api/forecast/calls",
                rep.get("/api/forecast/calls?period=FY2027-Q1&scope=rep:oa-rep"));

        assertThat(team.status()).isEqualTo(200);
        assertThat(repAssigned.status()).isEqualTo(200);
        assertThat(totals.status()).isEqualTo(200);
        assertThat(called.status()).as(called.body()).isEqualTo(201);
    }

    @Test
    void refusalsAreDocumentedProblems() {
        var badPeriod = contract.assertConforms("GET", "/api/forecast/category-totals",
                admin.get("/api/forecast/category-totals?period=FY2026-Q9"));
        var hugeNumber = contract.assertConforms("POST", "/api/forecast/calls",
                rep.post("/api/forecast/calls", call("1e400")));
        var notAnAdmin = contract.assertConforms("PUT", "/api/forecast/org/reps/{repId}",
                rep.put("/api/forecast/org/reps/oa-rep", Map.of("teamId", "oa-team")));
        var noToken = contract.assertConforms("GET", "/api/forecast/category-totals",
                anonymous.get("/api/forecast/category-totals?period=FY2026-Q4"));

        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(hugeNumber.status()).isEqualTo(400);
        assertThat(hugeNumber.body()).contains("commit");
        assertThat(notAnAdmin.status()).isEqualTo(403);
        assertThat(noToken.status()).isEqualTo(401);
    }

    private static Map<String, Object> call(String commit) {
        Map<String, Object> body = new HashMap<>(Map.of("scope", "rep:oa-rep", "period", "FY2027-Q1",
                "bestCase", "20000.00"));
        body.put("commit", commit);
        return body;
    }

    @Test
    void amountsWrittenAsStringsAreDocumentedAsDecimalStrings() {
        var amount = contract.document().at("/components/schemas/Total/properties/amount");

        assertThat(amount.path("type").toString()).contains("string").doesNotContain("number");
        assertThat(amount.path("pattern").asString()).isEqualTo("^-?[0-9]{1,15}(\\.[0-9]{1,10})?$");
    }
}
