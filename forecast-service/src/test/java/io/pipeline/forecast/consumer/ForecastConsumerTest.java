package io.pipeline.forecast.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.EventRecords;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import io.pipeline.contract.TopicProvisioner;
import io.pipeline.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.figures.Slippage;
import io.pipeline.forecast.figures.StageVelocity;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.plan.PlanStore;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.TestTokens;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-test-${random.uuid}")
@RealInfrastructure(database = "forecast")
class ForecastConsumerTest {

    static final String REGION = "region-" + UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    ServingReadModel serving;
    @Autowired
    FiscalCalendar calendar;
    @Autowired
    ForecastSettings settings;
    @Autowired
    FigureQueries queries;
    @Autowired
    PlanStore plan;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void topics() {
        TopicProvisioner.ensure(bootstrap(), TopicProvisioner.publicTopics((short) 1));
    }

    static String bootstrap() {
        return PipelineInfrastructure.shared().kafkaBootstrapServers();
    }

    static Deal deal(String id, String team, String amount, String closeDate, String category, String status) {
        return new Deal(id, "acc", "deal " + id, "rep-" + team, team, REGION, "ENTERPRISE", "NEW_BUSINESS",
                "enterprise", 1, new BigDecimal(amount), "USD", LocalDate.parse(closeDate), "Stage of " + category,
                category, status, true);
    }

    @Test
    void categoryTotalsCountEachDealOnceInItsQuarterAndPoisonRecordsAreDeadLettered() throws Exception {
        EventRecords records = new EventRecords("/test");
        String a = "A-" + UUID.randomUUID();
        String d = "D-" + UUID.randomUUID();
        String f = "F-" + UUID.randomUUID();
        String idA = UUID.randomUUID().toString();
        String poisonKey = "poison-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            List<ProducerRecord<String, byte[]>> sent = List.of(
                    records.toRecord(new OpportunityEvent.OpportunityOpened(
                            deal(a, "team-1", "100.00", "2026-11-15", "PIPELINE", "OPEN"), null, T0, "rep"), idA, 0, null),
                    // the relay re-sent A's event after a retry: same id, must count once
                    records.toRecord(new OpportunityEvent.OpportunityOpened(
                            deal(a, "team-1", "100.00", "2026-11-15", "PIPELINE", "OPEN"), null, T0, "rep"), idA, 0, null),
                    records.toRecord(new OpportunityEvent.OpportunityOpened(
                            deal("B-" + a, "team-1", "250.50", "2026-12-31", "BEST_CASE", "OPEN"), null, T0, "rep"),
                            UUID.randomUUID().toString(), 0, null),
                    records.toRecord(new OpportunityEvent.OpportunityOpened(
                            deal("C-" + a, "team-1", "1000.00", "2027-01-01", "COMMIT", "OPEN"), null, T0, "rep"),
                            UUID.randomUUID().toString(), 0, null),
                    records.toRecord(new OpportunityEvent.DealClosedWon(
                            deal(d, "team-1", "400.00", "2026-10-01", "CLOSED", "WON"), "Redlining contract", "COMMIT",
                            T0.plusSeconds(60), "rep"), UUID.randomUUID().toString(), 1, null),
                    records.toRecord(new OpportunityEvent.OpportunityOpened(
                            deal(d, "team-1", "400.00", "2026-10-01", "COMMIT", "OPEN"), null, T0, "rep"),
                            UUID.randomUUID().toString(), 0, null),
                    poison(poisonKey),
                    records.toRecord(new OpportunityEvent.OpportunityOpened(
                            deal(f, "team-2", "50.00", "2026-10-20", "PIPELINE", "OPEN"), null, T0, "rep"),
                            UUID.randomUUID().toString(), 0, null));
            for (ProducerRecord<String, byte[]> record : sent) {
                producer.send(record).get();
            }
        }
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());

        JsonNode region = await().atMost(Duration.ofSeconds(30)).until(
                () -> http.get("/api/forecast/category-totals?period=FY2026-Q4&scope=region:" + REGION).json(),
                json -> count(json, "PIPELINE") == 2);

        // worked by hand: A 100.00 + F 50.00 in Pipeline; B 250.50 Best Case; C closes in the next quarter;
        // D opened in Commit and closed won 400.00 (its events arrived newest first)
        assertThat(amount(region, "PIPELINE")).isEqualTo("150.00");
        assertThat(amount(region, "BEST_CASE")).isEqualTo("250.50");
        assertThat(count(region, "BEST_CASE")).isEqualTo(1);
        assertThat(amount(region, "COMMIT")).isEqualTo("0.00");
        assertThat(count(region, "COMMIT")).isZero();
        assertThat(amount(region, "CLOSED_WON")).isEqualTo("400.00");
        JsonNode team1 = http.get("/api/forecast/category-totals?period=2026-Q4&scope=team:team-1").json();
        assertThat(amount(team1, "PIPELINE")).isEqualTo("100.00");

        var deadLetters = KafkaProbe.read(bootstrap(), Topics.DEAD_LETTERS, r -> poisonKey.equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(deadLetters).hasSize(1);
        assertThat(KafkaProbe.header(deadLetters.get(0), EventHeaders.DLT_REASON)).contains("malformed");
        assertThat(KafkaProbe.header(deadLetters.get(0), EventHeaders.DLT_SOURCE_TOPIC)).isEqualTo(Topics.OPPORTUNITIES);
    }

    @Test
    void freshnessSaysUpToWhichEventTheFiguresGoAndThatNothingIsLeftToRead() throws Exception {
        EventRecords records = new EventRecords("/test");
        String id = "fresh-" + UUID.randomUUID();
        Instant sentAfter = Instant.now();
        // a timestamp no other record of the test JVM has (half an hour ahead: brokers refuse more than an hour)
        Instant recordedAt = sentAfter.plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            var record = records.toRecord(new OpportunityEvent.OpportunityOpened(
                    deal(id, "team-fresh", "10.00", "2026-11-15", "PIPELINE", "OPEN"), null, T0, "rep"),
                    UUID.randomUUID().toString(), 0, null);
            // the timestamp the relay gives a record is when its event was stored; a fixed one shows which is read
            producer.send(new ProducerRecord<>(record.topic(), null, recordedAt.toEpochMilli(), record.key(),
                    record.value(), record.headers())).get();
        }
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.rep("rep-f", "team-f", REGION).token());

        JsonNode fresh = await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/forecast/freshness").json(),
                json -> recordedAt.toString().equals(json.path("newestEventRecordedAt").asString(""))
                        && json.path("eventsBehind").asLong(-1) == 0);

        assertThat(fresh.path("eventsBehind").asLong()).isZero();
        assertThat(Instant.parse(fresh.path("lastAppliedAt").asString())).isAfterOrEqualTo(sentAfter);
    }

    @Test
    void theLeadFunnelCountsLeadEventsReadFromTheTopic() throws Exception {
        String region = "funnel-" + UUID.randomUUID();
        EventRecords records = new EventRecords("/test");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            String[][] leads = {{"CAPTURED", "MQL"}, {"CAPTURED"}};
            for (int l = 0; l < leads.length; l++) {
                String id = region + "-lead-" + l;
                for (int step = 0; step < leads[l].length; step++) {
                    var lead = new LeadEvent.Lead(id, "Acme", "INBOUND", "rep-f", "team-f", region, "SMB", leads[l][step]);
                    Instant at = T0.plus(Duration.ofDays(step + 1));
                    LeadEvent event = step == 0 ? new LeadEvent.LeadCaptured(lead, at, "rep-f")
                            : new LeadEvent.LeadMarketingQualified(lead, 60, at, "marketing");
                    producer.send(records.toRecord(event, UUID.randomUUID().toString(), step, null)).get();
                }
            }
        }
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());

        // worked by hand: two leads captured in FY2026-Q3 (September 2026), one of them reached MQL: 1 / 2 = 0.5
        JsonNode funnel = await().atMost(Duration.ofSeconds(30)).until(
                () -> http.get("/api/forecast/lead-funnel?period=FY2026-Q3&scope=region:" + region).json(),
                json -> json.has("steps") && json.get("steps").get(0).get("reached").asLong() == 2);
        assertThat(funnel.get("steps").get(1).get("stage").asString()).isEqualTo("MQL");
        assertThat(funnel.get("steps").get(1).get("reached").asLong()).isEqualTo(1);
        assertThat(new java.math.BigDecimal(funnel.get("steps").get(1).get("conversionFromPrevious").asString()))
                .isEqualByComparingTo("0.5");
    }

    @Test
    void aBadPeriodOrScopeIsA400NamingTheParameter() {
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());

        var badPeriod = http.get("/api/forecast/category-totals?period=Q9");
        var badScope = http.get("/api/forecast/category-totals?period=2026-Q1&scope=galaxy:1");
        var missing = http.get("/api/forecast/category-totals");

        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json().get("errors").get(0).get("field").asString()).isEqualTo("period");
        assertThat(badScope.json().get("errors").get(0).get("field").asString()).isEqualTo("scope");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("period");
    }

    @Test
    void quotasRatesAndCallsSetThroughTheApiShowBesideTheFiguresAsOfAnInstant() throws Exception {
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
        String team = "team-" + UUID.randomUUID();
        String rep = "rep-" + team;
        String eur = "E-" + UUID.randomUUID();
        put(http, "/api/forecast/org/reps/" + rep, Map.of("teamId", team));
        put(http, "/api/forecast/quotas", Map.of("period", "FY2026-Q4", "scope", "team:" + team, "amount", "1000"));
        put(http, "/api/forecast/currency-rates", Map.of("currency", "EUR", "effectiveFrom", "2026-01-01",
                "rate", "1.5"));
        assertThat(http.post("/api/forecast/calls", Map.of("repId", rep, "period", "FY2026-Q4", "commit", "500",
                "bestCase", "900", "submittedAt", "2026-09-02T00:00:00Z")).status()).isEqualTo(201);
        Deal commit = new Deal(eur, "acc", "deal", rep, team, REGION, "ENTERPRISE", "NEW_BUSINESS", "enterprise", 1,
                new BigDecimal("400.00"), "EUR", LocalDate.parse("2026-11-01"), "Selected", "COMMIT", "OPEN", true);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new EventRecords("/test").toRecord(new OpportunityEvent.OpportunityOpened(commit, null, T0,
                    "rep"), UUID.randomUUID().toString(), 0, null)).get();
        }

        // 400 EUR x 1.5 = 600 in Commit; coverage 600 / 1000 = 0.6
        JsonNode coverage = await().atMost(Duration.ofSeconds(30)).until(
                () -> http.get("/api/forecast/coverage?period=FY2026-Q4&scope=team:" + team).json(),
                json -> json.get("coverage") != null && !json.get("coverage").isNull());
        assertThat(coverage.get("coverage").asString()).isEqualTo("0.6000");
        JsonNode calls = http.get("/api/forecast/calls?period=FY2026-Q4&scope=team:" + team).json();
        assertThat(calls.get("commit").asString()).isEqualTo("500.00");
        assertThat(calls.get("system").get("commit").get("amount").asString()).isEqualTo("600.00");
        // as of Aug 31 (the end of that day) neither the deal (opened Sep 1) nor the call (Sep 2) existed
        JsonNode before = http.get("/api/forecast/calls?period=FY2026-Q4&scope=team:" + team
                + "&asOf=2026-08-31").json();
        assertThat(before.get("calls")).isEmpty();
        assertThat(before.get("system").get("commit").get("count").asLong()).isZero();
        var csv = http.get("/api/forecast/csv/coverage?period=FY2026-Q4&scope=team:" + team);
        assertThat(csv.body()).startsWith("figure,period,scope,as_of,metric,value")
                .contains("coverage,FY2026-Q4,team:" + team);
        var badAsOf = http.get("/api/forecast/slippage?period=FY2026-Q4&asOf=yesterday");
        assertThat(badAsOf.status()).isEqualTo(400);
        assertThat(badAsOf.json().get("errors").get(0).get("field").asString()).isEqualTo("asOf");
    }

    /**
     * The board's drill-down in one request: a team's reps (as the org API places them, sorted), each with its
     * coverage and quota, a page at a time; a rep placed elsewhere leaves the list at the next query (the plan's
     * revision moved), and a bad page size is a 400 naming it.
     */
    @Test
    void theDrillDownAnswersEveryChildOfAScopeInOneRequestAPageAtATime() throws Exception {
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
        String team = "team-" + UUID.randomUUID();
        String first = team + "-rep-a";
        String second = team + "-rep-b";
        put(http, "/api/forecast/org/reps/" + second, Map.of("teamId", team));
        put(http, "/api/forecast/org/reps/" + first, Map.of("teamId", team));
        put(http, "/api/forecast/quotas", Map.of("period", "FY2026-Q4", "scope", "rep:" + first, "amount", "1000"));
        Deal commit = new Deal("DD-" + UUID.randomUUID(), "acc", "deal", first, team, REGION, "ENTERPRISE",
                "NEW_BUSINESS", "enterprise", 1, new BigDecimal("400.00"), "USD", LocalDate.parse("2026-11-01"),
                "Selected", "COMMIT", "OPEN", true);
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new EventRecords("/test").toRecord(new OpportunityEvent.OpportunityOpened(commit, null, T0,
                    "rep"), UUID.randomUUID().toString(), 0, null)).get();
        }
        String below = "/api/forecast/coverage/below?period=FY2026-Q4&scope=team:" + team;

        JsonNode all = await().atMost(Duration.ofSeconds(30)).until(() -> http.get(below).json(),
                json -> json.get("children").size() == 2
                        && "400.00".equals(amount(json.get("children").get(0).get("coverage").get("totals"), "COMMIT")));
        assertThat(all.get("total").asInt()).isEqualTo(2);
        assertThat(all.get("pages").asInt()).isEqualTo(1);
        JsonNode a = all.get("children").get(0);
        JsonNode b = all.get("children").get(1);
        assertThat(a.get("scope").asString()).isEqualTo("rep:" + first);
        // 400.00 Commit against a quota of 1,000: coverage 0.4, of the remaining 1,000 also 0.4
        assertThat(a.get("coverage").get("quota").asString()).isEqualTo("1000.00");
        assertThat(a.get("coverage").get("coverage").asString()).isEqualTo("0.4000");
        assertThat(a.get("coverage").get("totals").get("basis").get("scope").asString()).isEqualTo("rep:" + first);
        assertThat(b.get("scope").asString()).isEqualTo("rep:" + second);
        assertThat(b.get("coverage").get("quota").isNull()).isTrue();
        assertThat(amount(b.get("coverage").get("totals"), "COMMIT")).isEqualTo("0.00");

        // pages of one: a page past the end is the last
        JsonNode last = http.get(below + "&size=1&page=7").json();
        assertThat(last.get("page").asInt()).isEqualTo(1);
        assertThat(last.get("pages").asInt()).isEqualTo(2);
        assertThat(last.get("children")).hasSize(1);
        assertThat(last.get("children").get(0).get("scope").asString()).isEqualTo("rep:" + second);

        put(http, "/api/forecast/org/reps/" + second, Map.of("teamId", "elsewhere-" + team));
        assertThat(http.get(below).json().get("children")).extracting(child -> child.get("scope").asString())
                .containsExactly("rep:" + first);

        var badSize = http.get(below + "&size=0");
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.body()).contains("size");
    }

    @Test
    void onceTheIndexLoadsTheCurrentQuarterAndMonthAreWarmedWithoutAQueryAndAnswerAsThePureFigures() {
        LocalDate today = LocalDate.ofInstant(Instant.now(), settings.businessZone());
        List<Period> current = List.of(calendar.quarterOf(today), calendar.monthOf(today));
        await().atMost(Duration.ofSeconds(60)).until(
                () -> serving.index().map(index -> current.stream().allMatch(index::keeps)).orElse(false));
        // only a warm-up records this timer (a query that starts a period does not)
        for (String kind : List.of("quarter", "month")) {
            Timer warmUp = meters.find("pipeline.forecast.index.warm-up").tag("kind", kind).timer();
            assertThat(warmUp).as(kind).isNotNull();
            assertThat(warmUp.count()).as(kind).isPositive();
        }
        DealIndex index = serving.index().orElseThrow();
        // the consumer may still be appending what the topics hold (the pure figures are read a moment later):
        // compared again until no append falls between the two
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Instant now = Instant.now();
            for (Period period : current) {
                FigureContext ctx = FigureContext.of(period, Scope.ORG, now, settings.businessZone(), calendar,
                        plan.hierarchy(), plan.rates());
                List<DealHistory> deals = index.concerning(ctx);
                assertThat(queries.categoryTotals(period, Scope.ORG, now)).isEqualTo(CategoryTotals.of(deals, ctx));
                ctx = FigureContext.of(period, Scope.ORG, now, settings.businessZone(), calendar, plan.hierarchy(),
                        plan.rates());
                assertThat(queries.slippage(period, Scope.ORG, now)).isEqualTo(Slippage.of(deals, ctx));
                assertThat(queries.velocity(period, Scope.ORG, now)).isEqualTo(StageVelocity.of(deals, ctx));
            }
        });
    }

    private void put(HttpJson http, String path, Object body) {
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(HttpJson.toJson(body))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static ProducerRecord<String, byte[]> poison(String key) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.TYPE, "pipeline.opportunity.OpportunityOpened".getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.SEQUENCE, "0".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.OPPORTUNITIES, null, key, "{not json".getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String amount(JsonNode totals, String category) {
        return total(totals, category).get("amount").asString();
    }

    private static long count(JsonNode totals, String category) {
        return total(totals, category).get("count").asLong();
    }

    private static JsonNode total(JsonNode totals, String category) {
        for (JsonNode total : totals.get("totals")) {
            if (total.get("category").asString().equals(category)) {
                return total;
            }
        }
        throw new AssertionError("no " + category + " in " + totals);
    }
}
