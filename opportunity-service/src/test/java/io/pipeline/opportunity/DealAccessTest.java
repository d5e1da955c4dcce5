package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RoleCallers;
import io.pipeline.testsupport.IdentityAttacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may see and change which deals and reference data, over real HTTP with real tokens: the role matrix. */
class DealAccessTest extends HttpTestBase {

    static final String REP_A = "deal-rep-a";
    static final String REP_B = "deal-rep-b";
    static final String REP_C = "deal-rep-c";
    static final Map<String, Object> SALES_PROCESS = Map.of("name", "Access", "skippingAllowed", false, "stages",
            List.of(Map.of("name", "Registered", "category", "PIPELINE", "firstQualified", true)));

    RoleCallers callers;

    @BeforeEach
    void callers() {
        callers = RoleCallers.of(http, "deal");
    }

    private static Map<String, Object> deal(String id, String ownerId, String teamId) {
        Map<String, Object> body = validRequest(id);
        body.put("ownerId", ownerId);
        body.put("teamId", teamId);
        return body;
    }

    private void readable(String id) {
        eventually().until(() -> callers.admin().get("/api/opportunities/" + id).status() == 200);
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
        refused.addAll(IdentityAttacks.send(base, "GET", "/api/accounts", null).values());

        assertThat(refused).hasSize(36).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:unauthenticated");
        });
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = 'deal-attack'",
                Integer.class)).isZero();
    }

    @Test
    void theActorOfEveryCommandIsTheTokensSubject() {
        assertThat(callers.repA().post("/api/opportunities", deal("deal-actor", REP_A, "deal-team-1")).status())
                .isEqualTo(201);
        assertThat(callers.managerOfTeam1().put("/api/opportunities/deal-actor/amount",
                Map.of("amount", "99.00", "currency", "USD")).status()).isEqualTo(200);

        List<String> stored = jdbc.queryForList("select convert_from(payload, 'UTF8') from domainevententry"
                + " where aggregateidentifier = 'deal-actor' order by sequencenumber", String.class);
        assertThat(stored.get(0)).contains("\"actor\":\"" + REP_A + "\"");
        assertThat(stored.get(1)).contains("\"actor\":\"deal-manager-1\"");
    }

    @Test
    void aRepOnAnotherTeamsDealByIdGetsA404ForEveryVerb() {
        callers.repA().post("/api/opportunities", deal("deal-of-a", REP_A, "deal-team-1"));
        readable("deal-of-a");

        assertThat(callers.repC().get("/api/opportunities/deal-of-a").status()).isEqualTo(404);
        assertThat(callers.repC().post("/api/opportunities/deal-of-a/advance",
                Map.of("stage", "Business case")).status())
                .isEqualTo(404);
        assertThat(callers.repC().post("/api/opportunities/deal-of-a/close-won", Map.of()).status()).isEqualTo(404);
        assertThat(callers.repC().post("/api/opportunities", deal("deal-of-a", REP_C, "deal-team-2")).status())
                .isEqualTo(404);
        assertThat(callers.repB().get("/api/opportunities/deal-of-a").status()).as("same team, other rep")
                .isEqualTo(404);
        assertThat(callers.repA().post("/api/opportunities/deal-of-a/advance",
                Map.of("stage", "Business case")).status())
                .isEqualTo(200);

        // someone else's deal and a deal that does not exist are answered alike: ids cannot be probed
        var others = callers.repC().put("/api/opportunities/deal-of-a/close-date", Map.of("closeDate", "2027-01-01"));
        var missing = callers.repC().put("/api/opportunities/deal-of-nobody/close-date",
                Map.of("closeDate", "2027-01-01"));
        assertThat(others.status()).isEqualTo(404);
        assertThat(others.body().replace("deal-of-a", "ID")).isEqualTo(missing.body().replace("deal-of-nobody", "ID"));
    }

    @Test
    void aRepOpensDealsOnlyForThemselvesInTheirTeam() {
        assertThat(callers.repA().post("/api/opportunities", deal("deal-for-b", REP_B, "deal-team-1")).status())
                .isEqualTo(403);
        assertThat(callers.repA().post("/api/opportunities", deal("deal-elsewhere", REP_A, "deal-team-2")).status())
                .isEqualTo(403);
        assertThat(callers.repA().post("/api/opportunities", deal("deal-own", REP_A, "deal-team-1")).status())
                .isEqualTo(201);
    }

    @Test
    void aDealReassignedAwayLeavesTheOldOwnersView() {
        callers.repA().post("/api/opportunities", deal("deal-handed", REP_A, "deal-team-1"));
        var reassigned = callers.repA().put("/api/opportunities/deal-handed/owner", Map.of("ownerId", REP_C,
                "teamId", "deal-team-2", "regionId", "amer"));

        assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(200);
        assertThat(callers.repA().post("/api/opportunities/deal-handed/advance",
                Map.of("stage", "Business case")).status())
                .isEqualTo(404);
        assertThat(callers.repC().post("/api/opportunities/deal-handed/advance",
                Map.of("stage", "Business case")).status())
                .isEqualTo(200);
    }

    @Test
    void listsShowEachRoleOnlyWhatItMaySee() {
        callers.repA().post("/api/opportunities", deal("deal-list-a", REP_A, "deal-team-1"));
        callers.repB().post("/api/opportunities", deal("deal-list-b", REP_B, "deal-team-1"));
        callers.repC().post("/api/opportunities", deal("deal-list-c", REP_C, "deal-team-2"));
        List.of("deal-list-a", "deal-list-b", "deal-list-c").forEach(this::readable);

        callers.assertEachRoleListsOnlyWhatItMaySee("/api/opportunities?size=500");
        assertThat(callers.repA().get("/api/opportunities?ownerId=" + REP_C).status()).isEqualTo(403);
        assertThat(callers.managerOfTeam1().get("/api/opportunities?ownerId=" + REP_C).json().get("items")).isEmpty();
        assertThat(callers.managerOfTeam1().get("/api/opportunities/deal-list-c").status()).isEqualTo(404);
    }

    @Test
    void revopsAndBiReadEveryDealButChangeNone() {
        callers.repC().post("/api/opportunities", deal("deal-read-only", REP_C, "deal-team-2"));
        readable("deal-read-only");

        for (HttpJson reader : List.of(callers.revops(), callers.bi())) {
            assertThat(reader.get("/api/opportunities/deal-read-only").status()).isEqualTo(200);
            assertThat(reader.post("/api/opportunities/deal-read-only/advance", Map.of("stage", "Business case"))
                    .status()).isEqualTo(403);
            assertThat(reader.post("/api/opportunities", deal("deal-by-reader", REP_C, "deal-team-2")).status())
                    .isEqualTo(403);
            assertThat(reader.post("/api/accounts", Map.of("accountId", "reader-account", "name", "X")).status())
                    .isEqualTo(403);
            assertThat(reader.get("/api/sales-processes").status()).isEqualTo(200);
        }
    }

    @Test
    void onlyAnAdminChangesSalesProcesses() {
        for (HttpJson other : List.of(callers.repA(), callers.managerOfTeam1(), callers.revops(), callers.bi())) {
            var process = other.put("/api/sales-processes/access", SALES_PROCESS);
            assertThat(process.status()).isEqualTo(403);
            assertThat(process.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
        }
        assertThat(callers.admin().put("/api/sales-processes/access", SALES_PROCESS).status()).isIn(200, 201);
    }

}
