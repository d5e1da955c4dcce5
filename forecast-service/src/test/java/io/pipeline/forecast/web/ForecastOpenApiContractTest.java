package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import io.pipeline.contract.TopicProvisioner;
import io.pipeline.contract.EventRecords;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.OpenApiContract;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * forecast-service's served OpenAPI document, figures, CSV exports, plan, calls and the rebuild, against its real
 * answers over deals consumed from the real Kafka: {@link #everyOperationOfTheDocumentHadAValidatedAnswer()} fails
 * when an operation of the document has none. The rebuild goes last: it re-reads the topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-test-${random.uuid}")
@RealInfrastructure(database = "forecast")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForecastOpenApiContractTest {

    static final String REGION = "oa-" + UUID.randomUUID();
    static final String SCOPE = "&scope=region:" + REGION;
    static final String PERIOD = "?period=FY2026-Q4";
    static OpenApiContract contract;
    static boolean published;

    @LocalServerPort
    int port;
    HttpJson anonymous;
    HttpJson admin;
    HttpJson rep;

    @BeforeAll
    static void topics() {
        TopicProvisioner.ensure(bootstrap(), TopicProvisioner.publicTopics((short) 1));
    }

    static String bootstrap() {
        return PipelineInfrastructure.shared().kafkaBootstrapServers();
    }

    @BeforeEach
    void callers() throws Exception {
        anonymous = new HttpJson("http://127.0.0.1:" + port);
        admin = anonymous.as(TestTokens.admin("oa-admin").token());
        rep = anonymous.as(TestTokens.rep("oa-rep", "oa-team", REGION).token());
        if (contract == null) {
            contract = OpenApiContract.of("http://127.0.0.1:" + port);
        }
        if (!published) {
            publishTwoDeals();
            published = true;
        }
    }

    @AfterAll
    static void everyOperationOfTheDocumentHadAValidatedAnswer() {
        contract.assertEveryOperationValidated();
    }

    static Deal deal(String id, String amount, String closeDate, String stage, String category) {
        return new Deal(id, "acc", "deal " + id, "oa-rep", "oa-team", REGION, "ENTERPRISE", "NEW_BUSINESS",
                "enterprise", 1, new BigDecimal(amount), "USD", LocalDate.parse(closeDate), stage, category, "OPEN",
                true);
    }

    /** Two open deals of FY2026-Q4 in the test's own region; one was pushed within the quarter. */
    private void publishTwoDeals() throws Exception {
        String pushed = "oa-" + UUID.randomUUID();
        String committed = "oa-" + UUID.randomUUID();
        EventRecords records = new EventRecords("/test");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            for (var record : List.of(
                    records.toRecord(new OpportunityEvent.OpportunityOpened(
                            deal(pushed, "1000.50", "2026-11-15", "Qualified", "PIPELINE"), null,
                            Instant.parse("2026-10-02T10:00:00Z"), "oa-rep"), UUID.randomUUID().toString(), 0, null),
                    records.toRecord(new OpportunityEvent.CloseDateChanged(
                            deal(pushed, "1000.50", "2026-12-20", "Qualified", "PIPELINE"), LocalDate.parse("2026-11-15"),
                            Instant.parse("2026-10-05T10:00:00Z"), "oa-rep"), UUID.randomUUID().toString(), 1, null),
                    records.toRecord(new OpportunityEvent.OpportunityOpened(
                            deal(committed, "250.25", "2026-12-01", "Selected", "COMMIT"), null,
                            Instant.parse("2026-10-03T10:00:00Z"), "oa-rep"), UUID.randomUUID().toString(), 0, null))) {
                producer.send(record).get();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(
                () -> admin.get("/api/forecast/category-totals" + PERIOD + SCOPE).json(),
                json -> json.path("totals").findValues("count").stream().mapToLong(c -> c.asLong()).sum() == 2);
    }

    private HttpJson.Response figure(String operation, String query) {
        return contract.assertConforms("GET", "/api/forecast/" + operation, admin.get("/api/forecast/" + query));
    }

    @Test
    @Order(1)
    void everyFigureAnswersWhatTheDocumentPromises() {
        var totals = figure("category-totals", "category-totals" + PERIOD + SCOPE);
        List<HttpJson.Response> answers = List.of(totals,
                figure("coverage", "coverage" + PERIOD + SCOPE),
                figure("coverage/below", "coverage/below" + PERIOD + SCOPE + "&page=0&size=12"),
                figure("close-rates", "close-rates" + PERIOD + SCOPE),
                figure("slippage", "slippage" + PERIOD + SCOPE),
                figure("velocity", "velocity" + PERIOD + SCOPE),
                figure("pipeline-created", "pipeline-created" + PERIOD + SCOPE),
                figure("waterfall", "waterfall" + PERIOD + SCOPE + "&from=2026-10-01T00:00:00Z"),
                figure("weighted-forecast", "weighted-forecast" + PERIOD + SCOPE),
                figure("lead-funnel", "lead-funnel" + PERIOD + SCOPE),
                figure("accuracy", "accuracy?periods=2" + SCOPE),
                figure("diagnosis", "diagnosis" + PERIOD + SCOPE),
                figure("inspection", "inspection" + PERIOD + SCOPE + "&changedSince=2026-10-01T00:00:00Z"),
                figure("calendar", "calendar"));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        // the trend's other periods ask without the rates by team: the same rates, no team lists
        var full = figure("close-rates", "close-rates" + PERIOD + SCOPE);
        var withoutTeams = figure("close-rates", "close-rates" + PERIOD + SCOPE + "&teams=false");
        assertThat(withoutTeams.json().path("closeRateByTeam")).isEmpty();
        assertThat(withoutTeams.json().path("winRateByTeam")).isEmpty();
        assertThat(withoutTeams.json().path("closeRate")).isEqualTo(full.json().path("closeRate"));
        assertThat(withoutTeams.json().path("winRateBySegment")).isEqualTo(full.json().path("winRateBySegment"));
        // worked by hand: the one Commit deal (250.25) and the one Pipeline deal (1000.50), as decimal strings
        var byCategory = new HashMap<String, String>();
        totals.json().path("totals").forEach(t -> byCategory.put(t.path("category").asString(), t.path("amount").asString()));
        assertThat(byCategory).containsEntry("COMMIT", "250.25").containsEntry("PIPELINE", "1000.50");
        assertThat(totals.json().path("totals").findValues("amount")).allSatisfy(a -> assertThat(a.isString()).isTrue());
    }

    @Test
    @Order(2)
    void theCsvExportsAnswerTheirStatusAndMediaType() {
        var figure = contract.assertConforms("GET", "/api/forecast/csv/{figure}",
                admin.get("/api/forecast/csv/category-totals" + PERIOD + SCOPE));
        var accuracy = contract.assertConforms("GET", "/api/forecast/csv/accuracy",
                admin.get("/api/forecast/csv/accuracy?periods=2" + SCOPE));
        var diagnosis = contract.assertConforms("GET", "/api/forecast/csv/diagnosis",
                admin.get("/api/forecast/csv/diagnosis" + PERIOD + SCOPE));
        var inspection = contract.assertConforms("GET", "/api/forecast/csv/inspection",
                admin.get("/api/forecast/csv/inspection" + PERIOD + SCOPE + "&changedSince=2026-10-01T00:00:00Z"));
        var unknown = contract.assertConforms("GET", "/api/forecast/csv/{figure}",
                admin.get("/api/forecast/csv/horoscope" + PERIOD + SCOPE));

        assertThat(List.of(figure, accuracy, diagnosis, inspection)).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("text/csv");
        });
        assertThat(figure.body()).contains("250.25", "1000.50");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void thePlanAndCallsAnswerWhatTheDocumentPromises() {
        var team = contract.assertConforms("PUT", "/api/forecast/org/teams/{teamId}",
                admin.put("/api/forecast/org/teams/oa-team", Map.of("regionId", REGION)));
        var repAssigned = contract.assertConforms("PUT", "/api/forecast/org/reps/{repId}",
                admin.put("/api/forecast/org/reps/oa-rep", Map.of("teamId", "oa-team")));
        var chart = contract.assertConforms("PUT", "/api/forecast/org", admin.put("/api/forecast/org", Map.of(
                "reps", List.of(Map.of("repId", "oa-rep-2", "teamId", "oa-team")),
                "teams", List.of(Map.of("teamId", "oa-team", "regionId", REGION)))));
        var org = contract.assertConforms("GET", "/api/forecast/org", rep.get("/api/forecast/org"));
        var freshness = contract.assertConforms("GET", "/api/forecast/freshness", rep.get("/api/forecast/freshness"));
        var quota = contract.assertConforms("PUT", "/api/forecast/quotas", admin.put("/api/forecast/quotas",
                Map.of("period", "FY2026-Q4", "scope", "region:" + REGION, "amount", "5000.00")));
        var readQuota = contract.assertConforms("GET", "/api/forecast/quotas",
                admin.get("/api/forecast/quotas" + PERIOD + SCOPE));
        var rate = contract.assertConforms("PUT", "/api/forecast/currency-rates", admin.put(
                "/api/forecast/currency-rates", Map.of("currency", "CHF", "effectiveFrom", "2026-01-01", "rate", "1.1250")));
        var rates = contract.assertConforms("GET", "/api/forecast/currency-rates", rep.get("/api/forecast/currency-rates"));
        var called = contract.assertConforms("POST", "/api/forecast/calls", rep.post("/api/forecast/calls",
                call("10000.00")));
        var calls = contract.assertConforms("GET", "/api/forecast/calls",
                rep.get("/api/forecast/calls?period=FY2027-Q1&scope=rep:oa-rep"));

        assertThat(List.of(team, repAssigned, chart, org, freshness, quota, readQuota, rate, rates, calls))
                .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        assertThat(called.status()).as(called.body()).isEqualTo(201);
        assertThat(chart.json().path("reps").asInt()).isEqualTo(1);
        assertThat(org.json().path("teamOfRep").path("oa-rep-2").asString()).isEqualTo("oa-team");
        assertThat(readQuota.json().path("amount").isString()).isTrue();
        assertThat(new BigDecimal(readQuota.json().path("amount").asString())).isEqualByComparingTo("5000.00");
        assertThat(called.json().path("commit").asString()).isEqualTo("10000.00");
        assertThat(rates.json().path("rates").path("CHF").path("2026-01-01").isString()).isTrue();
    }

    @Test
    @Order(4)
    void refusalsAreDocumentedProblems() {
        var badPeriod = figure("category-totals", "category-totals?period=FY2026-Q9");
        var noFrom = figure("waterfall", "waterfall" + PERIOD + SCOPE);
        var hugeNumber = contract.assertConforms("POST", "/api/forecast/calls",
                rep.post("/api/forecast/calls", call("1e400")));
        var notAnAdmin = contract.assertConforms("PUT", "/api/forecast/org/reps/{repId}",
                rep.put("/api/forecast/org/reps/oa-rep", Map.of("teamId", "oa-team")));
        var notTheirQuota = contract.assertConforms("GET", "/api/forecast/quotas",
                rep.get("/api/forecast/quotas" + PERIOD + "&scope=region:elsewhere"));
        var noToken = contract.assertConforms("GET", "/api/forecast/category-totals",
                anonymous.get("/api/forecast/category-totals" + PERIOD));
        var notAnAdminRebuild = contract.assertConforms("POST", "/api/forecast/admin/rebuild",
                rep.post("/api/forecast/admin/rebuild", ""));
        var tooLarge = contract.assertConforms("POST", "/api/forecast/calls",
                rep.post("/api/forecast/calls", "{\"note\":\"" + "x".repeat(1_100_000) + "\"}"));

        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(noFrom.status()).isEqualTo(400);
        assertThat(noFrom.body()).contains("from");
        assertThat(hugeNumber.status()).isEqualTo(400);
        assertThat(hugeNumber.body()).contains("commit");
        assertThat(notAnAdmin.status()).isEqualTo(403);
        assertThat(notTheirQuota.status()).isEqualTo(403);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(notAnAdminRebuild.status()).isEqualTo(403);
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    @Order(5)
    void amountsAreDocumentedAsDecimalStringsAndRequestsMaySendNumbers() {
        var answered = contract.document().at("/components/schemas/Total/properties/amount");
        var requested = contract.document().at("/components/schemas/CallRequest/properties/commit");

        assertThat(answered.path("type").toString()).contains("string").doesNotContain("number");
        assertThat(answered.path("format").asString()).isEqualTo("decimal");
        assertThat(answered.path("pattern").asString()).isEqualTo("^-?[0-9]{1,15}(\\.[0-9]{1,10})?$");
        assertThat(requested.path("type").toString()).contains("string", "number");
        assertThat(contract.document().toString()).doesNotContain("\"type\":\"number\"");
    }

    @Test
    @Order(6)
    void theRebuildAnswersWhatTheDocumentPromises() {
        var before = contract.assertConforms("GET", "/api/forecast/admin/rebuild",
                admin.get("/api/forecast/admin/rebuild"));
        var started = contract.assertConforms("POST", "/api/forecast/admin/rebuild",
                admin.post("/api/forecast/admin/rebuild", ""));
        var done = await().atMost(Duration.ofSeconds(120)).until(() -> admin.get("/api/forecast/admin/rebuild"),
                answer -> answer.status() == 200 && answer.json().path("phase").asString().matches("DONE|FAILED"));
        contract.assertConforms("GET", "/api/forecast/admin/rebuild", done);

        assertThat(before.status()).isEqualTo(200);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(done.json().path("phase").asString()).as(done.body()).isEqualTo("DONE");
    }

    private static Map<String, Object> call(String commit) {
        Map<String, Object> body = new HashMap<>(Map.of("scope", "rep:oa-rep", "period", "FY2027-Q1",
                "bestCase", "20000.00"));
        body.put("commit", commit);
        return body;
    }
}
