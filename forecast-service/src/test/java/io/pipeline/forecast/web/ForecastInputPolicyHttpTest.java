package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HostileBodies;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** service-platform's input policy on the plan requests (org, quotas, rates, calls), over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-test-${random.uuid}")
@RealInfrastructure(database = "forecast")
class ForecastInputPolicyHttpTest {

    @LocalServerPort
    int port;
    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
    }

    @Test
    void hugeNumbersLongStringsAndNulAreRefusedNamingTheField() {
        assertRefused(http.put("/api/forecast/quotas", Map.of("period", "FY2026-Q4", "scope", "org",
                "amount", "1e400")), "amount");
        assertRefused(http.put("/api/forecast/quotas", Map.of("period", "FY2026-Q4", "scope", "org",
                "amount", "1" + "0".repeat(39))), "amount");
        assertRefused(http.put("/api/forecast/currency-rates", Map.of("currency", "EUR",
                "effectiveFrom", "2026-01-01", "rate", "1700000000000")), "rate");
        assertRefused(http.put("/api/forecast/currency-rates", Map.of("currency", "XXQ",
                "effectiveFrom", "2026-01-01", "rate", "1.08")), "currency");
        assertRefused(http.put("/api/forecast/org/reps/rep-1", Map.of("teamId", "x".repeat(10_000))), "teamId");
        assertRefused(http.put("/api/forecast/org/reps/rep%01", Map.of("teamId", "team-1")), "repId");
        // an encoded NUL in a path Tomcat itself refuses, before any service code (its own 400 page)
        assertThat(http.put("/api/forecast/org/reps/rep%00", Map.of("teamId", "team-1")).status()).isEqualTo(400);
        assertRefused(http.post("/api/forecast/calls", Map.of("repId", "rep\u0000", "period", "FY2026-Q4",
                "commit", "10.00", "bestCase", "20.00")), "repId");
    }

    @Test
    void hostilePlanBodiesGetNo5xxAndEvery400NamesAField() {
        Map<String, Map<String, Object>> valid = new LinkedHashMap<>();
        valid.put("/api/forecast/quotas", Map.of("period", "FY2026-Q4", "scope", "team:team-h", "amount", "100.00"));
        valid.put("/api/forecast/currency-rates", Map.of("currency", "EUR", "effectiveFrom", "2026-01-01",
                "rate", "1.08"));
        valid.put("/api/forecast/org/teams/team-h", Map.of("regionId", "emea"));
        long seed = 41;
        for (var request : valid.entrySet()) {
            for (Map<String, Object> body : HostileBodies.from(request.getValue(), seed++, 80)) {
                HostileBodies.assertRefusedCleanlyOrAccepted(http.put(request.getKey(), body), body);
            }
        }
        Map<String, Object> call = Map.of("repId", "rep-h", "period", "FY2026-Q4", "commit", "10.00",
                "bestCase", "20.00", "submittedAt", "2026-11-02T10:00:00Z", "note", "on track");
        for (Map<String, Object> body : HostileBodies.from(call, seed, 80)) {
            HostileBodies.assertRefusedCleanlyOrAccepted(http.post("/api/forecast/calls", body), body);
        }
    }

    private static void assertRefused(HttpJson.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).as(response.body()).contains(field);
    }
}
