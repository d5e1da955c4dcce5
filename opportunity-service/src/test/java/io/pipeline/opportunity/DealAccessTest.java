package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.IdentityAttacks;
import io.pipeline.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who may see and change which deals and reference data, over real HTTP with real tokens: the role matrix. */
class DealAccessTest extends HttpTestBase {

    static final String REP_A = "deal-rep-a";
    static final String REP_B = "deal-rep-b";
    static final String REP_C = "deal-rep-c";
    static final Map<String, Object> SALES_PROCESS = Map.of("name", "Access", "skippingAllowed", false, "stages",
            List.of(Map.of("name", "Registered", "category", "PIPELINE", "firstQualified", true)));

    HttpJson repA;
    HttpJson repB;
    HttpJson repC;
    HttpJson managerOfTeam1;
    HttpJson managerOfTeam2;
    HttpJson revops;
    HttpJson bi;
    HttpJson admin;

    @BeforeEach
    void callers() {
        repA = http.as(TestTokens.rep(REP_A, "deal-team-1", "emea").token());
        repB = http.as(TestTokens.rep(REP_B, "deal-team-1", "emea").token());
        repC = http.as(TestTokens.rep(REP_C, "deal-team-2", "amer").token());
        managerOfTeam1 = http.as(TestTokens.manager("deal-manager-1", "deal-team-1", "emea").token());
        managerOfTeam2 = http.as(TestTokens.manager("deal-manager-2", "deal-team-2", "amer").token());
        revops = http.as(TestTokens.revops("deal-revops").token());
        bi = http.as(TestTokens.bi("deal-bi").token());
        admin = http.as(TestTokens.admin("deal-admin").token());
    }

    private static Map<String, Object> deal(String id, String ownerId, String teamId) {
        Map<String, Object> body = validRequest(id);
        body.put("ownerId", ownerId);
        body.put("teamId", teamId);
        return body;
    }

    private void readable(String id) {
        eventually().until(() -> admin.get("/api/opportunities/" + id).status() == 200);
    }

    @Test
    void withoutAValidTokenEveryKindOfEndpointIsA401Problem() {
        String base = "http://127.0.0.1:" + port;
        List<HttpJson.Response> refused = new ArrayList<>();
        refused.addAll(IdentityAttacks.send(base, "GET", "/api/opportunities", null).values());
        refused.addAll(IdentityAttacks.send(base, "GET", "/api/opportunities/any", null).values());
        refused.addAll(IdentityAttacks.send(base, "POST", "/api/opportunities", deal("deal-attack", REP_A,
                "deal-team-1")).values());
        refused.addAll(IdentityAttacks.send(base, "POST", "/api/opportunities/any/advance",
                Map.of("stage", "Business case")).values());
        refused.addAll(IdentityAttacks.send(base, "PUT", "/api/sales-processes/attack", SALES_PROCESS).values());
        refused.addAll(IdentityAttacks.send(base, "PUT", "/api/currency-rates/EUR/2026-01-01",
                Map.of("rate", "9")).values());
        refused.addAll(IdentityAttacks.send(base, "GET", "/api/accounts", null).values());

        assertThat(refused).hasSize(42).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:unauthenticated");
        });
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = 'deal-attack'",
                Integer.class)).isZero();
    }

    @Test
    void theActorOfEveryCommandIsTheTokensSubject() {
        assertThat(repA.post("/api/opportunities", deal("deal-actor", REP_A, "deal-team-1")).status()).isEqualTo(201);
        assertThat(managerOfTeam1.put("/api/opportunities/deal-actor/amount",
                Map.of("amount", "99.00", "currency", "USD")).status()).isEqualTo(200);

        List<String> stored = jdbc.queryForList("select convert_from(payload, 'UTF8') from domainevententry"
                + " where aggregateidentifier = 'deal-actor' order by sequencenumber", String.class);
        assertThat(stored.get(0)).contains("\"actor\":\"" + REP_A + "\"");
        assertThat(stored.get(1)).contains("\"actor\":\"deal-manager-1\"");
    }

    @Test
    void aRepOnAnotherTeamsDealByIdGetsA404ForEveryVerb() {
        repA.post("/api/opportunities", deal("deal-of-a", REP_A, "deal-team-1"));
        readable("deal-of-a");

        assertThat(repC.get("/api/opportunities/deal-of-a").status()).isEqualTo(404);
        assertThat(repC.post("/api/opportunities/deal-of-a/advance", Map.of("stage", "Business case")).status())
                .isEqualTo(404);
        assertThat(repC.post("/api/opportunities/deal-of-a/close-won", Map.of()).status()).isEqualTo(404);
        assertThat(repC.post("/api/opportunities", deal("deal-of-a", REP_C, "deal-team-2")).status()).isEqualTo(404);
        assertThat(repB.get("/api/opportunities/deal-of-a").status()).as("same team, other rep").isEqualTo(404);
        assertThat(repA.post("/api/opportunities/deal-of-a/advance", Map.of("stage", "Business case")).status())
                .isEqualTo(200);
    }

    @Test
    void aRepOpensDealsOnlyForThemselvesInTheirTeam() {
        assertThat(repA.post("/api/opportunities", deal("deal-for-b", REP_B, "deal-team-1")).status()).isEqualTo(403);
        assertThat(repA.post("/api/opportunities", deal("deal-elsewhere", REP_A, "deal-team-2")).status())
                .isEqualTo(403);
        assertThat(repA.post("/api/opportunities", deal("deal-own", REP_A, "deal-team-1")).status()).isEqualTo(201);
    }

    @Test
    void aDealReassignedAwayLeavesTheOldOwnersView() {
        repA.post("/api/opportunities", deal("deal-handed", REP_A, "deal-team-1"));
        var reassigned = repA.put("/api/opportunities/deal-handed/owner", Map.of("ownerId", REP_C,
                "teamId", "deal-team-2", "regionId", "amer"));

        assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(200);
        assertThat(repA.post("/api/opportunities/deal-handed/advance", Map.of("stage", "Business case")).status())
                .isEqualTo(404);
        assertThat(repC.post("/api/opportunities/deal-handed/advance", Map.of("stage", "Business case")).status())
                .isEqualTo(200);
    }

    @Test
    void listsShowEachRoleOnlyWhatItMaySee() {
        repA.post("/api/opportunities", deal("deal-list-a", REP_A, "deal-team-1"));
        repB.post("/api/opportunities", deal("deal-list-b", REP_B, "deal-team-1"));
        repC.post("/api/opportunities", deal("deal-list-c", REP_C, "deal-team-2"));
        List.of("deal-list-a", "deal-list-b", "deal-list-c").forEach(this::readable);

        assertThat(owners(repA)).containsOnly(REP_A);
        assertThat(owners(managerOfTeam1)).contains(REP_A, REP_B).doesNotContain(REP_C);
        assertThat(owners(managerOfTeam2)).contains(REP_C).doesNotContain(REP_A, REP_B);
        assertThat(owners(revops)).contains(REP_A, REP_B, REP_C);
        assertThat(owners(bi)).contains(REP_A, REP_B, REP_C);
        assertThat(owners(admin)).contains(REP_A, REP_B, REP_C);
        assertThat(repA.get("/api/opportunities?ownerId=" + REP_C).status()).isEqualTo(403);
        assertThat(managerOfTeam1.get("/api/opportunities?ownerId=" + REP_C).json().get("items")).isEmpty();
        assertThat(managerOfTeam1.get("/api/opportunities/deal-list-c").status()).isEqualTo(404);
    }

    @Test
    void revopsAndBiReadEveryDealButChangeNone() {
        repC.post("/api/opportunities", deal("deal-read-only", REP_C, "deal-team-2"));
        readable("deal-read-only");

        for (HttpJson reader : List.of(revops, bi)) {
            assertThat(reader.get("/api/opportunities/deal-read-only").status()).isEqualTo(200);
            assertThat(reader.post("/api/opportunities/deal-read-only/advance", Map.of("stage", "Business case"))
                    .status()).isEqualTo(403);
            assertThat(reader.post("/api/opportunities", deal("deal-by-reader", REP_C, "deal-team-2")).status())
                    .isEqualTo(403);
            assertThat(reader.post("/api/accounts", Map.of("accountId", "reader-account", "name", "X")).status())
                    .isEqualTo(403);
            assertThat(reader.get("/api/sales-processes").status()).isEqualTo(200);
            assertThat(reader.get("/api/currency-rates").status()).isEqualTo(200);
        }
    }

    @Test
    void onlyAnAdminChangesSalesProcessesAndCurrencyRates() {
        for (HttpJson other : List.of(repA, managerOfTeam1, revops, bi)) {
            var process = other.put("/api/sales-processes/access", SALES_PROCESS);
            assertThat(process.status()).isEqualTo(403);
            assertThat(process.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
            assertThat(other.put("/api/currency-rates/CHF/2026-01-01", Map.of("rate", "1.1")).status()).isEqualTo(403);
        }
        assertThat(admin.put("/api/sales-processes/access", SALES_PROCESS).status()).isIn(200, 201);
        assertThat(admin.put("/api/currency-rates/CHF/2026-01-01", Map.of("rate", "1.1")).status()).isEqualTo(200);
    }

    private static List<String> owners(HttpJson caller) {
        JsonNode items = caller.get("/api/opportunities?size=500").json().get("items");
        List<String> owners = new ArrayList<>();
        items.forEach(item -> owners.add(item.get("ownerId").asString()));
        return owners;
    }
}
