package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Calls at every level over real HTTP: who may call and read which scope, and bad bodies named by field. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-test-${random.uuid}")
@RealInfrastructure(database = "forecast")
class ForecastCallsHttpTest {

    static final String CALLS = "/api/forecast/calls";

    @LocalServerPort
    int port;
    HttpJson rep;
    HttpJson manager;
    HttpJson leaderEmea;
    HttpJson cro;
    HttpJson revops;
    HttpJson admin;

    @BeforeEach
    void org() {
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        rep = anonymous.as(TestTokens.rep("cl-rep-a", "cl-team-a", "cl-emea").token());
        manager = anonymous.as(TestTokens.manager("cl-manager-a", "cl-team-a", "cl-emea").token());
        leaderEmea = anonymous.as(TestTokens.leader("cl-leader-emea", "cl-emea").token());
        cro = anonymous.as(TestTokens.cro("cl-cro").token());
        revops = anonymous.as(TestTokens.revops("cl-revops").token());
        admin = anonymous.as(TestTokens.admin("cl-admin").token());
        admin.put("/api/forecast/org/reps/cl-rep-a", Map.of("teamId", "cl-team-a"));
        admin.put("/api/forecast/org/reps/cl-rep-b", Map.of("teamId", "cl-team-a"));
        admin.put("/api/forecast/org/reps/cl-rep-z", Map.of("teamId", "cl-team-b"));
        admin.put("/api/forecast/org/teams/cl-team-a", Map.of("regionId", "cl-emea"));
        admin.put("/api/forecast/org/teams/cl-team-b", Map.of("regionId", "cl-amer"));
    }

    static Map<String, Object> call(String scope, String commit, String bestCase, String at) {
        Map<String, Object> body = new HashMap<>(Map.of("scope", scope, "period", "FY2026-Q4", "commit", commit,
                "bestCase", bestCase));
        if (at != null) {
            body.put("submittedAt", at);
        }
        return body;
    }

    @Test
    void eachLevelCallsOnlyItsOwnScopeAndReadersCallNothing() {
        Map<String, Map<HttpJson, Integer>> expected = Map.of(
                "rep:cl-rep-a", Map.of(rep, 201, manager, 201, leaderEmea, 403, cro, 403, revops, 403, admin, 201),
                "team:cl-team-a", Map.of(rep, 403, manager, 201, leaderEmea, 403, cro, 403, revops, 403, admin, 201),
                "team:cl-team-b", Map.of(manager, 403, leaderEmea, 403),
                "region:cl-emea", Map.of(rep, 403, manager, 403, leaderEmea, 201, cro, 403, revops, 403, admin, 201),
                "region:cl-amer", Map.of(leaderEmea, 403),
                "org", Map.of(rep, 403, manager, 403, leaderEmea, 403, cro, 201, revops, 403, admin, 201));
        expected.forEach((scope, byCaller) -> byCaller.forEach((caller, status) -> {
            // a period of its own, so that these calls (made now) stand in no other test's answer
            Map<String, Object> body = call(scope, "10", "20", null);
            body.put("period", "FY2027-Q1");
            HttpJson.Response response = caller.post(CALLS, body);
            assertThat(response.status()).as(scope + " " + response.body()).isEqualTo(status);
            if (status == 403) {
                assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
            }
        }));
    }

    @Test
    void aManagersCallStandsBesideItsRepsCallsWithTheAdjustment() {
        rep.post(CALLS, call("rep:cl-rep-a", "100", "150", "2026-10-05T10:00:00Z"));
        manager.post(CALLS, call("rep:cl-rep-b", "60", "90", "2026-10-05T11:00:00Z"));
        manager.post(CALLS, call("team:cl-team-a", "200", "300", "2026-10-06T10:00:00Z"));
        // resubmitted: the newest is the call, the first stays in the history
        manager.post(CALLS, Map.of("scope", "team:cl-team-a", "period", "FY2026-Q4", "commit", "180",
                "bestCase", "260", "submittedAt", "2026-10-07T10:00:00Z", "note", "cut rep-b's deal"));
        leaderEmea.post(CALLS, call("region:cl-emea", "170", "250", "2026-10-08T10:00:00Z"));

        var team = manager.get(CALLS + "?period=FY2026-Q4&scope=team:cl-team-a").json();
        // reps 100 + 60 = 160 (150 + 90 = 240); the manager's 180 / 260: adjustment +20 / +20
        assertThat(team.get("own").get("commit").asString()).isEqualTo("180.00");
        assertThat(team.get("own").get("callerId").asString()).isEqualTo("cl-manager-a");
        assertThat(team.get("own").get("note").asString()).isEqualTo("cut rep-b's deal");
        assertThat(team.get("ownHistory")).hasSize(2);
        assertThat(team.get("below")).hasSize(2);
        assertThat(team.get("belowSum").get("commit").asString()).isEqualTo("160.00");
        assertThat(team.get("adjustment").get("commit").asString()).isEqualTo("20.00");
        assertThat(team.get("adjustment").get("bestCase").asString()).isEqualTo("20.00");
        // no deals: the system has nothing, so the call stands 180 above it
        assertThat(team.get("versusSystem").get("commit").asString()).isEqualTo("180.00");
        // as of Oct 6 the first submission was the call
        assertThat(manager.get(CALLS + "?period=FY2026-Q4&scope=team:cl-team-a&asOf=2026-10-06").json()
                .get("own").get("commit").asString()).isEqualTo("200.00");

        var region = leaderEmea.get(CALLS + "?period=FY2026-Q4").json();
        assertThat(region.get("scope").asString()).isEqualTo("region:cl-emea");
        assertThat(region.get("below").get(0).get("scope").asString()).isEqualTo("team:cl-team-a");
        assertThat(region.get("adjustment").get("commit").asString()).isEqualTo("-10.00");
        // the bottom-up sum of the region's reps
        assertThat(region.get("commit").asString()).isEqualTo("160.00");
        assertThat(cro.get(CALLS + "?period=FY2026-Q4").json().get("scope").asString()).isEqualTo("org");
    }

    @Test
    void leadersReadTheirRegionAndItsTeamsAndRepsOnlyAndTheCroReadsEverything() {
        for (String scope : List.of("region:cl-emea", "team:cl-team-a", "rep:cl-rep-a")) {
            assertThat(leaderEmea.get(CALLS + "?period=FY2026-Q4&scope=" + scope).status()).as(scope).isEqualTo(200);
        }
        for (String scope : List.of("region:cl-amer", "team:cl-team-b", "rep:cl-rep-z", "org")) {
            var refused = leaderEmea.get(CALLS + "?period=FY2026-Q4&scope=" + scope);
            assertThat(refused.status()).as(scope).isEqualTo(403);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
        }
        for (String scope : List.of("org", "region:cl-amer", "team:cl-team-b", "rep:cl-rep-z")) {
            assertThat(cro.get(CALLS + "?period=FY2026-Q4&scope=" + scope).status()).as(scope).isEqualTo(200);
        }
        assertThat(manager.get(CALLS + "?period=FY2026-Q4&scope=region:cl-emea").status()).isEqualTo(403);
        assertThat(rep.get("/api/forecast/accuracy?scope=team:cl-team-a").status()).isEqualTo(403);
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        assertRefused(admin.post(CALLS, Map.of("scope", "team:cl\u0000", "period", "FY2026-Q4", "commit", "1",
                "bestCase", "1")), "scope");
        Map<String, Object> nulNote = call("team:cl-team-a", "1", "1", null);
        nulNote.put("note", "bad\u0000note");
        assertRefused(manager.post(CALLS, nulNote), "note");
        assertRefused(manager.post(CALLS, call("team:cl-team-a", "1e400", "1", null)), "commit");
        assertRefused(manager.post(CALLS, call("team:cl-team-a", "1", "1" + "0".repeat(39), null)), "bestCase");
        assertRefused(admin.post(CALLS, call("segment:SMB", "1", "1", null)), "scope");
        assertRefused(admin.post(CALLS, Map.of("period", "FY2026-Q4", "commit", "1", "bestCase", "1")), "scope");
        Map<String, Object> unknownDeal = call("rep:cl-rep-a", "1", "1", null);
        unknownDeal.put("commitDeals", List.of("no-such-deal"));
        assertRefused(rep.post(CALLS, unknownDeal), "commitDeals[0]");
        Map<String, Object> twice = call("rep:cl-rep-a", "1", "1", null);
        twice.put("commitDeals", List.of("d-1"));
        twice.put("bestCaseDeals", List.of("d-1"));
        assertRefused(rep.post(CALLS, twice), "bestCaseDeals[0]");
        Map<String, Object> mismatch = call("team:cl-team-a", "1", "1", null);
        mismatch.put("repId", "cl-rep-a");
        assertRefused(admin.post(CALLS, mismatch), "repId");
        assertRefused(manager.get("/api/forecast/accuracy?periods=0"), "periods");
        assertRefused(manager.get("/api/forecast/accuracy?periods=13"), "periods");
    }

    @Test
    void accuracyScoresTheEndedQuartersOfTheScopeAndItsLevels() {
        // FY2026-Q3 ended Oct 1; nothing was won in it (no deals): the error is the call, no relative error
        manager.post(CALLS, Map.of("scope", "team:cl-team-a", "period", "FY2026-Q3", "commit", "50",
                "bestCase", "80", "submittedAt", "2026-08-01T10:00:00Z"));
        var accuracy = manager.get("/api/forecast/accuracy?periods=2&asOf=2026-10-15");
        assertThat(accuracy.status()).as(accuracy.body()).isEqualTo(200);
        var json = accuracy.json();
        assertThat(json.get("scope").asString()).isEqualTo("team:cl-team-a");
        assertThat(json.get("periods").toString()).isEqualTo("[\"FY2026-Q2\",\"FY2026-Q3\"]");
        var team = json.get("callers").get(0);
        assertThat(team.get("scope").asString()).isEqualTo("team:cl-team-a");
        assertThat(team.get("periods").get(0).get("last").get("error").asString()).isEqualTo("50.00");
        assertThat(team.get("periods").get(0).get("last").get("relativeError").isNull()).isTrue();
        var csv = manager.get("/api/forecast/csv/accuracy?periods=2&asOf=2026-10-15");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("figure,period,scope,as_of,metric,value").contains("accuracy,");
        var diagnosis = leaderEmea.get("/api/forecast/diagnosis?period=FY2026-Q4");
        assertThat(diagnosis.status()).as(diagnosis.body()).isEqualTo(200);
        assertThat(diagnosis.json().get("basis").get("scope").asString()).isEqualTo("region:cl-emea");
        // the test's region has no quota
        assertThat(diagnosis.json().get("verdicts").get(0).asString()).isEqualTo("NO_QUOTA");
        assertThat(leaderEmea.get("/api/forecast/csv/diagnosis?period=FY2026-Q4").body()).contains("diagnosis,FY2026-Q4");
        assertThat(leaderEmea.get("/api/forecast/diagnosis?period=FY2026-Q4&scope=org").status()).isEqualTo(403);
        // the weighted forecast says how much history it had
        var weighted = manager.get("/api/forecast/weighted-forecast?period=FY2026-Q4").json();
        assertThat(weighted.get("lookbackWanted").asInt()).isEqualTo(4);
        assertThat(weighted.get("lookbackNote").asString()).startsWith("none of the 4 periods");
    }

    private static void assertRefused(HttpJson.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field")).as(response.body()).contains(field);
    }
}
