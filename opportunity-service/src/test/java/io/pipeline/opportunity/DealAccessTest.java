package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RoleCallers;
import io.pipeline.testsupport.IdentityAttacks;
import io.pipeline.testsupport.TestTokens;
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

    private static Map<String, Object> deal(String id, String ownerId, String teamId, String regionId) {
        Map<String, Object> body = deal(id, ownerId, teamId);
        body.put("regionId", regionId);
        return body;
    }

    private static List<String> ids(HttpJson caller, String listPath) {
        HttpJson.Response list = caller.get(listPath);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().get("items").forEach(item -> ids.add(item.get("opportunityId").asString()));
        return ids;
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
    void aRegionsLeaderReadsTheRegionsDealsAndTheirHistoriesButNotAnotherRegionsAndChangesNone() {
        callers.repA().post("/api/opportunities", deal("deal-in-emea", REP_A, "deal-team-1", "emea"));
        callers.repC().post("/api/opportunities", deal("deal-in-amer", REP_C, "deal-team-2", "amer"));
        List.of("deal-in-emea", "deal-in-amer").forEach(this::readable);
        HttpJson leaderOfEmea = http.as(TestTokens.leader("deal-leader-emea", "emea").token());
        HttpJson leaderOfAmer = http.as(TestTokens.leader("deal-leader-amer", "amer").token());

        assertThat(leaderOfEmea.get("/api/opportunities/deal-in-emea").status()).isEqualTo(200);
        assertThat(leaderOfEmea.get("/api/opportunities/deal-in-emea/history").status()).isEqualTo(200);
        assertThat(leaderOfAmer.get("/api/opportunities/deal-in-amer").status()).isEqualTo(200);
        // another region's deal is answered as a missing id, for reading, its history and changing alike
        var hidden = leaderOfEmea.get("/api/opportunities/deal-in-amer");
        var missing = leaderOfEmea.get("/api/opportunities/deal-in-nowhere");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body().replace("deal-in-amer", "ID")).isEqualTo(missing.body().replace("deal-in-nowhere", "ID"));
        assertThat(leaderOfEmea.get("/api/opportunities/deal-in-amer/history").status()).isEqualTo(404);
        assertThat(leaderOfEmea.post("/api/opportunities/deal-in-amer/advance", Map.of("stage", "Business case"))
                .status()).isEqualTo(404);
        // a leader reads the region's deals; changes stay with the owner, their manager and admins
        var changed = leaderOfEmea.post("/api/opportunities/deal-in-emea/advance", Map.of("stage", "Business case"));
        assertThat(changed.status()).isEqualTo(403);
        assertThat(changed.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
        assertThat(leaderOfEmea.post("/api/opportunities", deal("deal-by-leader", REP_A, "deal-team-1", "emea"))
                .status()).isEqualTo(403);

        String list = "/api/opportunities?size=500";
        assertThat(ids(leaderOfEmea, list)).contains("deal-in-emea").doesNotContain("deal-in-amer");
        assertThat(leaderOfEmea.get(list).json().get("items")).allSatisfy(item ->
                assertThat(item.get("regionId").asString()).isEqualTo("emea"));
        assertThat(ids(leaderOfAmer, list)).contains("deal-in-amer").doesNotContain("deal-in-emea");
        assertThat(ids(leaderOfEmea, list + "&ownerId=" + REP_A)).contains("deal-in-emea");
        assertThat(ids(leaderOfEmea, list + "&regionId=amer")).as("another region selects nothing").isEmpty();
        assertThat(ids(leaderOfEmea, list + "&teamId=deal-team-1")).contains("deal-in-emea");

        // accounts: a leader reads them and creates none (the start of a deal stays with the owner and manager)
        var account = leaderOfEmea.post("/api/accounts", Map.of("accountId", "leader-account", "name", "X"));
        assertThat(account.status()).isEqualTo(403);
        assertThat(account.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
        assertThat(leaderOfEmea.get("/api/accounts/leader-account").status()).as("nothing was created").isEqualTo(404);
        assertThat(leaderOfEmea.get("/api/accounts").status()).isEqualTo(200);
    }

    @Test
    void theCroReadsEveryRegionsDealsAndNarrowsTheListByRegionOrTeamButChangesNone() {
        callers.repA().post("/api/opportunities", deal("deal-cro-emea", REP_A, "deal-team-1", "emea"));
        callers.repC().post("/api/opportunities", deal("deal-cro-amer", REP_C, "deal-team-2", "amer"));
        List.of("deal-cro-emea", "deal-cro-amer").forEach(this::readable);
        HttpJson cro = http.as(TestTokens.cro("deal-cro").token());

        assertThat(cro.get("/api/opportunities/deal-cro-emea").status()).isEqualTo(200);
        assertThat(cro.get("/api/opportunities/deal-cro-amer/history").status()).isEqualTo(200);
        assertThat(cro.put("/api/opportunities/deal-cro-amer/close-date", Map.of("closeDate", "2027-01-01"))
                .status()).isEqualTo(403);
        String list = "/api/opportunities?size=500";
        assertThat(ids(cro, list)).contains("deal-cro-emea", "deal-cro-amer");
        assertThat(ids(cro, list + "&regionId=amer")).contains("deal-cro-amer").doesNotContain("deal-cro-emea");
        assertThat(ids(cro, list + "&teamId=deal-team-1")).contains("deal-cro-emea").doesNotContain("deal-cro-amer");
        assertThat(ids(callers.managerOfTeam1(), list + "&teamId=deal-team-2")).as("a manager asking another team")
                .isEmpty();
        assertThat(cro.post("/api/accounts", Map.of("accountId", "cro-account", "name", "X")).status())
                .isEqualTo(403);
        assertThat(cro.get("/api/accounts/cro-account").status()).isEqualTo(404);
        // reps and managers still create accounts
        assertThat(callers.repA().post("/api/accounts", Map.of("accountId", "rep-account", "name", "X")).status())
                .isEqualTo(201);
        assertThat(callers.managerOfTeam1().post("/api/accounts", Map.of("accountId", "manager-account", "name", "X"))
                .status()).isEqualTo(201);
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
