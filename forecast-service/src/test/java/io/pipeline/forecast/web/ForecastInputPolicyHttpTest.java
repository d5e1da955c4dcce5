package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HostileBodies;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        // longer than the plan's tables hold: refused here, not parked after a 200
        assertRefused(http.put("/api/forecast/org/reps/" + "r".repeat(65), Map.of("teamId", "team-1")), "repId");
        assertRefused(http.put("/api/forecast/org/teams/" + "t".repeat(200), Map.of("regionId", "emea")), "teamId");
        assertRefused(http.post("/api/forecast/calls", Map.of("scope", "rep:" + "r".repeat(150), "period", "FY2026-Q4",
                "commit", "1", "bestCase", "1")), "scope");
        // an encoded NUL in a path Tomcat itself refuses, before any service code (its own 400 page)
        assertThat(http.put("/api/forecast/org/reps/rep%00", Map.of("teamId", "team-1")).status()).isEqualTo(400);
        assertRefused(http.post("/api/forecast/calls", Map.of("repId", "rep\u0000", "period", "FY2026-Q4",
                "commit", "10.00", "bestCase", "20.00")), "repId");
    }

    @Test
    void anOrgChartPlacesEveryRepAndTeamAtOnceAndRefusesWhatItCannotPlace() {
        List<Map<String, String>> reps = new ArrayList<>();
        // 24,000 reps: a body of about 1.3 MB, over the 1 MB every other request is held to
        for (int i = 0; i < 24_000; i++) {
            reps.add(Map.of("repId", "chart-rep-" + i, "teamId", "chart-team-" + i / 8));
        }
        List<Map<String, String>> teams = new ArrayList<>();
        for (int t = 0; t < 3_000; t++) {
            teams.add(Map.of("teamId", "chart-team-" + t, "regionId", t % 2 == 0 ? "chart-emea" : "chart-amer"));
        }
        var placed = http.put("/api/forecast/org", Map.of("reps", reps, "teams", teams));
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        assertThat(placed.json().path("reps").asInt()).isEqualTo(24_000);
        assertThat(placed.json().path("teams").asInt()).isEqualTo(3_000);
        var org = http.get("/api/forecast/org").json();
        assertThat(org.path("teamOfRep").path("chart-rep-23999").asString()).isEqualTo("chart-team-2999");
        assertThat(org.path("regionOfTeam").path("chart-team-2999").asString()).isEqualTo("chart-amer");

        // a second chart moves a rep: the newer placement holds, the others stay
        var moved = http.put("/api/forecast/org", Map.of("reps", List.of(Map.of("repId", "chart-rep-0",
                "teamId", "chart-team-9")), "teams", List.of()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(http.get("/api/forecast/org").json().path("teamOfRep").path("chart-rep-0").asString())
                .isEqualTo("chart-team-9");

        assertRefused(http.put("/api/forecast/org", Map.of("reps", List.of(Map.of("repId", "chart-x", "teamId", "a"),
                Map.of("repId", "chart-x", "teamId", "b")), "teams", List.of())), "reps[1].repId");
        assertRefused(http.put("/api/forecast/org", Map.of("reps", List.of(Map.of("repId", "chart\u0000",
                "teamId", "a")), "teams", List.of())), "reps[0].repId");
        assertRefused(http.put("/api/forecast/org", Map.of("reps", List.of(Map.of("repId", "chart-y",
                "teamId", "t".repeat(10_000))), "teams", List.of())), "reps[0].teamId");
        assertRefused(http.put("/api/forecast/org", Map.of("teams", List.of())), "reps");
        assertThat(http.get("/api/forecast/org").json().path("teamOfRep").has("chart-x")).isFalse();
        assertThat(new HttpJson("http://127.0.0.1:" + port, TestTokens.rep("chart-rep-1", "chart-team-0", "chart-emea").token())
                .put("/api/forecast/org", Map.of("reps", List.of(), "teams", List.of())).status()).isEqualTo(403);
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

    /**
     * Every figure's query parameters as a hostile client sends them (NUL and control characters, 10,000
     * characters, numbers past any bound, odd and far dates, words where numbers go): a 200 for what can be read,
     * else a 400 problem naming the parameter, never a 5xx.
     */
    @Test
    void hostileFigureQueriesGetAnAnswerOrA400NamingTheParameter() {
        List<String> figures = List.of("category-totals", "coverage", "coverage/below", "close-rates", "slippage",
                "velocity", "pipeline-created", "waterfall", "weighted-forecast", "lead-funnel", "csv/coverage");
        Map<String, List<String>> hostile = new LinkedHashMap<>();
        hostile.put("period", List.of("FY2026-Q9", "FY2026-Q4%00", "%01", "x".repeat(6_000), "FY99999999999-Q1"));
        hostile.put("scope", List.of("team:t%00", "rep:%01%02", "team:" + "t".repeat(6_000), "galaxy:x", "team:"));
        hostile.put("asOf", List.of("yesterday", "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "2026-02-30T00:00:00Z", "2026-11-02T10:00:00Z%00", "9".repeat(40)));
        hostile.put("page", List.of("-1", "abc", "99999999999999999999", "%00"));
        hostile.put("size", List.of("0", "101", "1e9", "%01"));
        hostile.put("teams", List.of("maybe", "%00", "1".repeat(1000)));
        for (String figure : figures) {
            for (var parameter : hostile.entrySet()) {
                for (String value : parameter.getValue()) {
                    String query = "/api/forecast/" + figure + "?period=FY2026-Q4&scope=org&"
                            + (figure.equals("waterfall") ? "from=2026-10-01T00:00:00Z&" : "")
                            + parameter.getKey() + "=" + value;
                    HttpJson.Response response = http.get(query.replace("period=FY2026-Q4&scope=org&period=",
                            "scope=org&period=").replace("scope=org&scope=", "scope="));
                    String what = figure + " " + parameter.getKey() + "="
                            + value.substring(0, Math.min(value.length(), 40));
                    assertThat(response.status()).as(what + ": " + response.body()).isIn(200, 400);
                    if (response.status() == 400) {
                        assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
                        assertThat(response.body()).as(what).contains(parameter.getKey());
                    }
                }
            }
        }
    }

    private static void assertRefused(HttpJson.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).as(response.body()).contains(field);
    }
}
