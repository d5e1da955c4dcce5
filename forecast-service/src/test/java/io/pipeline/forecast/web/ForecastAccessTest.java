package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.IdentityAttacks;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Whose figures, quotas and calls each role may read and set, over real HTTP with real tokens: the role matrix. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-test-${random.uuid}")
@RealInfrastructure(database = "forecast")
class ForecastAccessTest {

    static final String TOTALS = "/api/forecast/category-totals?period=FY2026-Q4";

    @LocalServerPort
    int port;
    HttpJson repA;
    HttpJson managerOfTeam1;
    HttpJson revops;
    HttpJson bi;
    HttpJson admin;

    @BeforeEach
    void callers() {
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        repA = anonymous.as(TestTokens.rep("fc-rep-a", "fc-team-1", "emea").token());
        managerOfTeam1 = anonymous.as(TestTokens.manager("fc-manager-1", "fc-team-1", "emea").token());
        revops = anonymous.as(TestTokens.revops("fc-revops").token());
        bi = anonymous.as(TestTokens.bi("fc-bi").token());
        admin = anonymous.as(TestTokens.admin("fc-admin").token());
    }

    @Test
    void withoutAValidTokenEveryKindOfEndpointIsA401Problem() {
        String base = "http://127.0.0.1:" + port;
        List<HttpJson.Response> refused = new ArrayList<>();
        refused.addAll(IdentityAttacks.send(base, "GET", TOTALS, null).values());
        refused.addAll(IdentityAttacks.send(base, "GET", "/api/forecast/csv/coverage?period=FY2026-Q4", null).values());
        refused.addAll(IdentityAttacks.send(base, "PUT", "/api/forecast/quotas", Map.of("period", "FY2026-Q4",
                "scope", "org", "amount", "1")).values());
        refused.addAll(IdentityAttacks.send(base, "POST", "/api/forecast/calls", Map.of("repId", "x", "period",
                "FY2026-Q4", "commit", "1", "bestCase", "1")).values());

        assertThat(refused).hasSize(24).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:unauthenticated");
        });
    }

    @Test
    void aRepReadsOnlyTheirOwnFiguresAndThatIsTheirDefault() {
        assertThat(scopeOf(repA.get(TOTALS))).isEqualTo("rep:fc-rep-a");
        assertThat(repA.get(TOTALS + "&scope=rep:fc-rep-a").status()).isEqualTo(200);
        for (String other : List.of("rep:fc-rep-b", "team:fc-team-1", "region:emea", "org", "segment:SMB")) {
            var refused = repA.get(TOTALS + "&scope=" + other);
            assertThat(refused.status()).as(other).isEqualTo(403);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
        }
        assertThat(repA.get("/api/forecast/csv/coverage?period=FY2026-Q4&scope=org").status()).isEqualTo(403);
    }

    @Test
    void aManagerReadsTheirTeamAndItsRepsOnly() {
        admin.put("/api/forecast/org/reps/fc-rep-a", Map.of("teamId", "fc-team-1"));
        admin.put("/api/forecast/org/reps/fc-rep-z", Map.of("teamId", "fc-team-2"));

        assertThat(scopeOf(managerOfTeam1.get(TOTALS))).isEqualTo("team:fc-team-1");
        assertThat(managerOfTeam1.get(TOTALS + "&scope=rep:fc-rep-a").status()).isEqualTo(200);
        assertThat(managerOfTeam1.get("/api/forecast/calls?period=FY2026-Q4&scope=team:fc-team-1").status())
                .isEqualTo(200);
        assertThat(managerOfTeam1.get(TOTALS + "&scope=rep:fc-rep-z").status()).isEqualTo(403);
        assertThat(managerOfTeam1.get(TOTALS + "&scope=team:fc-team-2").status()).isEqualTo(403);
        assertThat(managerOfTeam1.get(TOTALS + "&scope=org").status()).isEqualTo(403);
    }

    @Test
    void revopsAndBiReadEveryScopeAndTheCsv() {
        for (HttpJson reader : List.of(revops, bi, admin)) {
            assertThat(scopeOf(reader.get(TOTALS))).isEqualTo("org");
            for (String scope : List.of("org", "region:emea", "team:fc-team-2", "rep:fc-rep-a", "segment:SMB")) {
                assertThat(reader.get(TOTALS + "&scope=" + scope).status()).as(scope).isEqualTo(200);
            }
            assertThat(reader.get("/api/forecast/csv/coverage?period=FY2026-Q4&scope=org").status()).isEqualTo(200);
            assertThat(reader.get("/api/forecast/org").status()).isEqualTo(200);
        }
    }

    @Test
    void onlyAnAdminSetsQuotasRatesAndTheOrg() {
        Map<String, Object> quota = Map.of("period", "FY2026-Q4", "scope", "team:fc-team-1", "amount", "1000");
        Map<String, Object> rate = Map.of("currency", "EUR", "effectiveFrom", "2026-01-01", "rate", "1.1");
        for (HttpJson other : List.of(repA, managerOfTeam1, revops, bi)) {
            assertThat(other.put("/api/forecast/quotas", quota).status()).isEqualTo(403);
            assertThat(other.put("/api/forecast/currency-rates", rate).status()).isEqualTo(403);
            assertThat(other.put("/api/forecast/org/teams/fc-team-1", Map.of("regionId", "emea")).status())
                    .isEqualTo(403);
        }
        assertThat(admin.put("/api/forecast/quotas", quota).status()).isEqualTo(200);
        assertThat(admin.put("/api/forecast/currency-rates", rate).status()).isEqualTo(200);
        assertThat(admin.put("/api/forecast/org/teams/fc-team-1", Map.of("regionId", "emea")).status()).isEqualTo(200);
        assertThat(repA.get("/api/forecast/quotas?period=FY2026-Q4&scope=team:fc-team-1").status()).isEqualTo(403);
        assertThat(new java.math.BigDecimal(managerOfTeam1.get("/api/forecast/quotas?period=FY2026-Q4").json().get("amount").asString()))
                .isEqualByComparingTo("1000");
    }

    @Test
    void aRepSubmitsCallsOnlyForThemselvesAndReadersSubmitNone() {
        admin.put("/api/forecast/org/reps/fc-rep-a", Map.of("teamId", "fc-team-1"));
        Map<String, Object> own = Map.of("repId", "fc-rep-a", "period", "FY2026-Q4", "commit", "10", "bestCase", "20");
        Map<String, Object> other = Map.of("repId", "fc-rep-b", "period", "FY2026-Q4", "commit", "10", "bestCase", "20");

        assertThat(repA.post("/api/forecast/calls", own).status()).isEqualTo(201);
        assertThat(repA.post("/api/forecast/calls", other).status()).isEqualTo(403);
        assertThat(managerOfTeam1.post("/api/forecast/calls", own).status()).isEqualTo(201);
        assertThat(revops.post("/api/forecast/calls", own).status()).isEqualTo(403);
        assertThat(bi.post("/api/forecast/calls", own).status()).isEqualTo(403);
    }

    private static String scopeOf(HttpJson.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("basis").get("scope").asString();
    }
}
