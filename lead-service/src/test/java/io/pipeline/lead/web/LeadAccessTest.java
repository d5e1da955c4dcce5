package io.pipeline.lead.web;

import static io.pipeline.lead.web.LeadApi.captureRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RoleCallers;
import io.pipeline.testsupport.IdentityAttacks;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who may see and change which leads, over real HTTP with real tokens: one test per row of the role matrix. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class LeadAccessTest {

    static final String REP_A = "acc-rep-a";
    static final String REP_B = "acc-rep-b";
    static final String REP_C = "acc-rep-c";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    RoleCallers callers;

    @BeforeEach
    void callers() {
        callers = RoleCallers.of(new HttpJson("http://127.0.0.1:" + port), "acc");
    }

    private static Map<String, Object> lead(String leadId, String ownerId, String teamId) {
        Map<String, Object> body = captureRequest(leadId, ownerId);
        body.put("teamId", teamId);
        return body;
    }

    private void readable(String leadId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> callers.admin().get("/api/leads/" + leadId).status() == 200);
    }

    @Test
    void withoutAValidTokenEveryEndpointIsA401Problem() {
        List<HttpJson.Response> refused = new ArrayList<>();
        refused.addAll(IdentityAttacks.send("http://127.0.0.1:" + port, "GET", "/api/leads", null).values());
        refused.addAll(IdentityAttacks.send("http://127.0.0.1:" + port, "GET", "/api/leads/any", null).values());
        refused.addAll(IdentityAttacks.send("http://127.0.0.1:" + port, "POST", "/api/leads",
                lead("acc-attack", "admin-1", "acc-team-1")).values());
        refused.addAll(IdentityAttacks.send("http://127.0.0.1:" + port, "POST",
                "/api/admin/read-models/leads/replay", Map.of()).values());

        assertThat(refused).hasSize(24).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:unauthenticated");
        });
        assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = 'acc-attack'",
                Integer.class)).isZero();
    }

    @Test
    void healthAndTheApiDocumentNeedNoToken() {
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").body()).doesNotContain("PipelineUser");
    }

    @Test
    void theActorOfACommandIsTheTokensSubjectNotAnythingInTheBody() {
        assertThat(callers.repA().post("/api/leads", lead("acc-actor", REP_A, "acc-team-1")).status()).isEqualTo(201);

        String stored = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domainevententry"
                + " where aggregateidentifier = 'acc-actor'", String.class);
        assertThat(stored).contains("\"actor\":\"" + REP_A + "\"");
    }

    @Test
    void aRepCapturesLeadsOnlyForThemselvesInTheirTeam() {
        assertThat(callers.repA().post("/api/leads", lead("acc-for-b", REP_B, "acc-team-1")).status()).isEqualTo(403);
        assertThat(callers.repA().post("/api/leads", lead("acc-other-team", REP_A, "acc-team-2")).status())
                .isEqualTo(403);
        assertThat(callers.repA().post("/api/leads", lead("acc-own", REP_A, "acc-team-1")).status()).isEqualTo(201);
    }

    @Test
    void anotherRepsLeadIsNotFoundForReadingOrChanging() {
        callers.repA().post("/api/leads", lead("acc-of-a", REP_A, "acc-team-1"));
        readable("acc-of-a");

        var read = callers.repB().get("/api/leads/acc-of-a");
        var changed = callers.repB().post("/api/leads/acc-of-a/nurture", Map.of());
        var retriedCapture = callers.repB().post("/api/leads", lead("acc-of-a", REP_B, "acc-team-1"));

        assertThat(read.status()).isEqualTo(404);
        assertThat(changed.status()).isEqualTo(404);
        assertThat(retriedCapture.status()).isEqualTo(404);
        var missing = callers.repB().post("/api/leads/acc-of-nobody/nurture", Map.of());
        assertThat(changed.body().replace("acc-of-a", "ID")).as("answered as a missing id: ids cannot be probed")
                .isEqualTo(missing.body().replace("acc-of-nobody", "ID"));
        assertThat(callers.repA().get("/api/leads/acc-of-a").status()).isEqualTo(200);
        assertThat(callers.repA().post("/api/leads/acc-of-a/nurture", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aManagerReadsAndChangesTheirTeamsLeadsOnly() {
        callers.repA().post("/api/leads", lead("acc-team1-lead", REP_A, "acc-team-1"));
        readable("acc-team1-lead");

        assertThat(callers.managerOfTeam1().get("/api/leads/acc-team1-lead").status()).isEqualTo(200);
        assertThat(callers.managerOfTeam1().post("/api/leads/acc-team1-lead/nurture", Map.of()).status())
                .isEqualTo(200);
        assertThat(callers.managerOfTeam2().get("/api/leads/acc-team1-lead").status()).isEqualTo(404);
        assertThat(callers.managerOfTeam2().post("/api/leads/acc-team1-lead/nurture", Map.of()).status())
                .isEqualTo(404);
        assertThat(callers.managerOfTeam1().post("/api/leads", lead("acc-by-manager", REP_B, "acc-team-1")).status())
                .isEqualTo(201);
        assertThat(callers.managerOfTeam1().post("/api/leads", lead("acc-by-manager-2", REP_C, "acc-team-2")).status())
                .isEqualTo(403);
    }

    @Test
    void listsShowEachRoleOnlyWhatItMaySee() {
        callers.repA().post("/api/leads", lead("acc-list-a", REP_A, "acc-team-1"));
        callers.repB().post("/api/leads", lead("acc-list-b", REP_B, "acc-team-1"));
        callers.repC().post("/api/leads", lead("acc-list-c", REP_C, "acc-team-2"));
        List.of("acc-list-a", "acc-list-b", "acc-list-c").forEach(this::readable);

        callers.assertEachRoleListsOnlyWhatItMaySee("/api/leads?size=200");
        assertThat(callers.repA().get("/api/leads?ownerId=" + REP_B).status()).isEqualTo(403);
        assertThat(callers.managerOfTeam2().get("/api/leads?ownerId=" + REP_A).json().get("items")).isEmpty();
    }

    @Test
    void aRegionsLeaderReadsTheRegionsLeadsAndHistoriesButNotAnotherRegionsAndChangesNone() {
        Map<String, Object> inAmer = lead("acc-in-amer", REP_C, "acc-team-2");
        inAmer.put("regionId", "amer");
        callers.repA().post("/api/leads", lead("acc-in-emea", REP_A, "acc-team-1"));
        callers.repC().post("/api/leads", inAmer);
        List.of("acc-in-emea", "acc-in-amer").forEach(this::readable);
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        HttpJson leaderOfEmea = anonymous.as(TestTokens.leader("acc-leader-emea", "emea").token());
        HttpJson leaderOfAmer = anonymous.as(TestTokens.leader("acc-leader-amer", "amer").token());
        HttpJson cro = anonymous.as(TestTokens.cro("acc-cro").token());

        assertThat(leaderOfEmea.get("/api/leads/acc-in-emea").status()).isEqualTo(200);
        assertThat(leaderOfEmea.get("/api/leads/acc-in-emea/history").status()).isEqualTo(200);
        assertThat(leaderOfEmea.get("/api/leads/acc-in-amer").status()).isEqualTo(404);
        assertThat(leaderOfEmea.get("/api/leads/acc-in-amer/history").status()).isEqualTo(404);
        assertThat(leaderOfEmea.post("/api/leads/acc-in-amer/nurture", Map.of()).status()).isEqualTo(404);
        assertThat(leaderOfEmea.post("/api/leads/acc-in-emea/nurture", Map.of()).status()).isEqualTo(403);
        assertThat(leaderOfAmer.get("/api/leads/acc-in-amer").status()).isEqualTo(200);
        assertThat(cro.get("/api/leads/acc-in-amer/history").status()).isEqualTo(200);
        assertThat(cro.post("/api/leads/acc-in-emea/nurture", Map.of()).status()).isEqualTo(403);

        assertThat(leadIds(leaderOfEmea)).contains("acc-in-emea").doesNotContain("acc-in-amer");
        assertThat(leaderOfEmea.get("/api/leads?size=200").json().get("items")).allSatisfy(item ->
                assertThat(item.get("regionId").asString()).isEqualTo("emea"));
        assertThat(leadIds(leaderOfAmer)).contains("acc-in-amer").doesNotContain("acc-in-emea");
        assertThat(leadIds(cro)).contains("acc-in-emea", "acc-in-amer");
        // the list narrows by region or team as the deal list does; outside the caller's view it selects nothing
        assertThat(leadIds(cro, "&regionId=amer")).contains("acc-in-amer").doesNotContain("acc-in-emea");
        assertThat(leadIds(cro, "&teamId=acc-team-1")).contains("acc-in-emea").doesNotContain("acc-in-amer");
        assertThat(leadIds(leaderOfEmea, "&teamId=acc-team-1")).contains("acc-in-emea");
        assertThat(leadIds(leaderOfEmea, "&regionId=amer")).as("another region selects nothing").isEmpty();
        assertThat(leadIds(callers.managerOfTeam1(), "&teamId=acc-team-2")).as("a manager asking another team")
                .isEmpty();
    }

    private static List<String> leadIds(HttpJson caller) {
        return leadIds(caller, "");
    }

    private static List<String> leadIds(HttpJson caller, String filters) {
        HttpJson.Response list = caller.get("/api/leads?size=200" + filters);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().get("items").forEach(item -> ids.add(item.get("leadId").asString()));
        return ids;
    }

    @Test
    void revopsAndBiReadEverythingButChangeNothing() {
        callers.repC().post("/api/leads", lead("acc-read-only", REP_C, "acc-team-2"));
        readable("acc-read-only");

        for (HttpJson reader : List.of(callers.revops(), callers.bi())) {
            assertThat(reader.get("/api/leads/acc-read-only").status()).isEqualTo(200);
            var changed = reader.post("/api/leads/acc-read-only/nurture", Map.of());
            assertThat(changed.status()).isEqualTo(403);
            assertThat(changed.json().get("type").asString()).isEqualTo("urn:pipeline:problem:forbidden");
            assertThat(reader.post("/api/leads", lead("acc-by-reader", REP_C, "acc-team-2")).status()).isEqualTo(403);
        }
    }

    @Test
    void onlyAnAdminReplaysTheReadModel() {
        for (HttpJson other : List.of(callers.repA(), callers.managerOfTeam1(), callers.revops(), callers.bi())) {
            assertThat(other.post("/api/admin/read-models/leads/replay", Map.of()).status()).isEqualTo(403);
        }
        assertThat(callers.admin().post("/api/admin/read-models/leads/replay", Map.of()).status()).isEqualTo(202);
    }

    @Test
    void aTokenWithoutAnyOfOurRolesIsForbidden() {
        HttpJson stranger = new HttpJson("http://127.0.0.1:" + port,
                new TestTokens.User("acc-stranger", List.of("guest"), null, null).token());
        assertThat(stranger.get("/api/leads").status()).isEqualTo(403);
    }

}
