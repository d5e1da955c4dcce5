package io.pipeline.forecast.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.ForecastServiceApplication;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.InstanceArguments;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two forecast instances, each on its own database (as the cluster shape runs them), and a third on the first one's
 * database: the organisation, a quota, a rate and the calls sent to any of them are in every one, each call once,
 * also after an instance starts again.
 */
class PlanAcrossInstancesTest {

    private static final String PERIOD = "FY2026-Q4";
    private static final List<ConfigurableApplicationContext> STARTED = new ArrayList<>();
    private static PipelineInfrastructure.Database databaseA;
    private static PipelineInfrastructure.Database databaseB;
    private static String groupA;
    private static HttpJson a;
    private static HttpJson b;

    @BeforeAll
    static void startTwoInstances() {
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        databaseA = infrastructure.newDatabase("forecast_a");
        databaseB = infrastructure.newDatabase("forecast_b");
        groupA = "plan-a-" + UUID.randomUUID();
        a = client(start(databaseA, groupA));
        b = client(start(databaseB, "plan-b-" + UUID.randomUUID()));
    }

    private static ConfigurableApplicationContext start(PipelineInfrastructure.Database database, String group) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ForecastServiceApplication.class).run(
                InstanceArguments.on(database, "--pipeline.forecast.consumer-group=" + group));
        STARTED.add(context);
        return context;
    }

    private static HttpJson client(ConfigurableApplicationContext instance) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
    }

    @AfterAll
    static void stop() {
        STARTED.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void whatIsSentToOneInstanceIsInEveryOneAndEachCallOnce() {
        assertThat(a.put("/api/forecast/org/teams/pa-team", Map.of("regionId", "pa-emea")).status()).isEqualTo(200);
        assertThat(b.put("/api/forecast/org", Map.of("reps", List.of(Map.of("repId", "pa-rep-1", "teamId", "pa-team"),
                Map.of("repId", "pa-rep-2", "teamId", "pa-team")), "teams", List.of())).status()).isEqualTo(200);
        assertThat(a.put("/api/forecast/quotas", Map.of("period", PERIOD, "scope", "team:pa-team", "amount", "1250.50"))
                .status()).isEqualTo(200);
        assertThat(b.put("/api/forecast/currency-rates", Map.of("currency", "CHF", "effectiveFrom", "2027-01-01",
                "rate", "1.125")).status()).isEqualTo(200);
        HttpJson.Response first = a.post("/api/forecast/calls", call("rep:pa-rep-1", "100", "150",
                "2026-11-05T10:00:00Z"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(b.post("/api/forecast/calls", call("rep:pa-rep-2", "40", "60", "2026-11-06T10:00:00Z")).status())
                .isEqualTo(201);

        // the instance that took a change answers with it applied; the other one reads it from the topic
        for (HttpJson instance : List.of(a, b)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertPlanIn(instance));
        }

        // an instance started again reads on from where its database stands: nothing is applied twice
        STARTED.remove(1).close();
        HttpJson restarted = client(start(databaseB, "plan-b-again-" + UUID.randomUUID()));
        assertPlanIn(restarted);

        // a second instance on the first one's database: both read every change, one of them applies it
        HttpJson beside = client(start(databaseA, groupA));
        assertThat(beside.post("/api/forecast/calls", call("rep:pa-rep-1", "110", "160", "2026-11-07T10:00:00Z"))
                .status()).isEqualTo(201);
        for (HttpJson instance : List.of(a, beside, restarted)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(team(instance)
                    .get("history")).hasSize(3));
        }
        assertThat(new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(databaseA.jdbcUrl(),
                databaseA.username(), databaseA.password())).queryForObject(
                "select count(*) from forecast_call where period_id = ? and scope = 'rep:pa-rep-1'", Long.class, PERIOD))
                .isEqualTo(2L);
        // the newest of rep 1's calls, and rep 2's: 110 + 40
        assertThat(team(restarted).get("commit").asString()).isEqualTo("150.00");
    }

    private static void assertPlanIn(HttpJson instance) {
        JsonNode org = instance.get("/api/forecast/org").json();
        assertThat(org.get("teamOfRep").get("pa-rep-1").asString()).isEqualTo("pa-team");
        assertThat(org.get("teamOfRep").get("pa-rep-2").asString()).isEqualTo("pa-team");
        assertThat(org.get("regionOfTeam").get("pa-team").asString()).isEqualTo("pa-emea");
        assertThat(instance.get("/api/forecast/quotas?period=" + PERIOD + "&scope=team:pa-team").json().get("amount")
                .asString()).isEqualTo("1250.50");
        assertThat(instance.get("/api/forecast/currency-rates").body()).contains("CHF").contains("1.125");
        JsonNode team = team(instance);
        assertThat(team.get("history")).hasSize(2);
        // the reps' calls summed bottom-up: 100 + 40
        assertThat(team.get("commit").asString()).isEqualTo("140.00");
    }

    private static JsonNode team(HttpJson instance) {
        return instance.get("/api/forecast/calls?period=" + PERIOD + "&scope=team:pa-team").json();
    }

    private static Map<String, Object> call(String scope, String commit, String bestCase, String at) {
        return Map.of("scope", scope, "period", PERIOD, "commit", commit, "bestCase", bestCase, "submittedAt", at);
    }
}
