package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.EventRecords;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import io.pipeline.contract.TopicProvisioner;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Pipeline inspection over real HTTP, from events consumed from the real Kafka into the real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-test-${random.uuid}")
@RealInfrastructure(database = "forecast")
class InspectionHttpTest {

    static final String REGION = "region-" + UUID.randomUUID();
    static final String QUERY = "/api/forecast/inspection?period=FY2026-Q4&scope=region:" + REGION
            + "&changedSince=2026-10-01T00:00:00Z&asOf=2026-10-31T00:00:00Z";

    @LocalServerPort
    int port;

    @BeforeAll
    static void topics() {
        TopicProvisioner.ensure(bootstrap(), TopicProvisioner.publicTopics((short) 1));
    }

    static String bootstrap() {
        return PipelineInfrastructure.shared().kafkaBootstrapServers();
    }

    static Deal deal(String id, String amount, String closeDate) {
        return new Deal(id, "acc", "deal " + id, "insp-rep", "insp-team", REGION, "ENTERPRISE", "NEW_BUSINESS",
                "enterprise", 1, new BigDecimal(amount), "USD", LocalDate.parse(closeDate), "Qualified", "PIPELINE",
                "OPEN", true);
    }

    @Test
    void theDealsOfThePeriodComeWithWhatChangedAsJsonAndCsvAndBadParametersAreNamed() throws Exception {
        String pushed = "X-" + UUID.randomUUID();
        String created = "Y-" + UUID.randomUUID();
        EventRecords records = new EventRecords("/test");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            List<ProducerRecord<String, byte[]>> sent = List.of(
                    records.toRecord(new OpportunityEvent.OpportunityOpened(deal(pushed, "100.00", "2026-11-15"), null,
                            Instant.parse("2026-09-01T10:00:00Z"), "rep"), UUID.randomUUID().toString(), 0, null),
                    records.toRecord(new OpportunityEvent.CloseDateChanged(deal(pushed, "100.00", "2027-01-10"),
                            LocalDate.parse("2026-11-15"), Instant.parse("2026-10-05T10:00:00Z"), "rep"),
                            UUID.randomUUID().toString(), 1, null),
                    records.toRecord(new OpportunityEvent.OpportunityOpened(deal(created, "200.00", "2026-12-01"), null,
                            Instant.parse("2026-10-03T10:00:00Z"), "rep"), UUID.randomUUID().toString(), 0, null));
            for (ProducerRecord<String, byte[]> record : sent) {
                producer.send(record).get();
            }
        }
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());

        JsonNode answer = await().atMost(Duration.ofSeconds(30)).until(() -> http.get(QUERY).json(),
                json -> json.path("totalItems").asLong() == 2 && json.path("items").get(1).get("changes").size() == 1);

        // worked by hand: Y opened on Oct 3 (200.00); X pushed from Nov 15 out of the quarter on Oct 5 (100.00)
        assertThat(answer.get("period").asString()).isEqualTo("FY2026-Q4");
        assertThat(answer.get("scope").asString()).isEqualTo("region:" + REGION);
        assertThat(answer.get("changedSince").asString()).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(answer.get("asOf").asString()).isEqualTo("2026-10-31T00:00:00Z");
        assertThat(answer.get("currency").asString()).isEqualTo("USD");
        assertThat(answer.get("page").asInt()).isZero();
        assertThat(answer.get("size").asInt()).isEqualTo(50);
        JsonNode first = answer.get("items").get(0);
        assertThat(first.get("dealId").asString()).isEqualTo(created);
        assertThat(first.get("name").asString()).isEqualTo("deal " + created);
        assertThat(first.get("ownerId").asString()).isEqualTo("insp-rep");
        assertThat(first.get("stage").asString()).isEqualTo("Qualified");
        assertThat(first.get("forecastCategory").asString()).isEqualTo("PIPELINE");
        assertThat(first.get("amount").asString()).isEqualTo("200.00");
        assertThat(first.get("closeDate").asString()).isEqualTo("2026-12-01");
        assertThat(first.get("changes").toString()).isEqualTo("[{\"kind\":\"CREATED\",\"from\":null,\"to\":\"2026-10-03\"}]");
        assertThat(answer.get("items").get(1).get("changes").toString())
                .isEqualTo("[{\"kind\":\"PUSHED_OUT\",\"from\":\"2026-11-15\",\"to\":\"2027-01-10\"}]");
        assertThat(answer.get("totals").get(0).toString()).isEqualTo("{\"kind\":\"CREATED\",\"count\":1,\"amount\":\"200.00\"}");

        assertThat(http.get(QUERY + "&sort=name,desc").json().get("items").findValuesAsString("name"))
                .containsExactly("deal " + created, "deal " + pushed);
        assertThat(http.get(QUERY + "&category=pipeline&stage=qualified").json().get("totalItems").asLong())
                .isEqualTo(2);
        assertThat(http.get(QUERY + "&category=COMMIT").json().get("totalItems").asLong()).isZero();

        JsonNode filtered = http.get(QUERY + "&kind=PUSHED_OUT&kind=PULLED_IN&sort=closeDate,asc").json();
        assertThat(filtered.get("totalItems").asLong()).isEqualTo(1);
        assertThat(filtered.get("items").get(0).get("dealId").asString()).isEqualTo(pushed);

        var csv = http.get(QUERY.replace("/inspection", "/csv/inspection"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("figure,period,scope,as_of,metric,value\n")
                .contains("inspection,FY2026-Q4,region:" + REGION + ",2026-10-31T00:00:00Z,items.0.dealId," + created)
                .contains(",items.1.changes.0.kind,PUSHED_OUT");

        assertThat(http.get(QUERY.replace("changedSince=2026-10-01T00:00:00Z", "changedSince=2026-11-01T00:00:00Z"))
                .body()).contains("changedSince");
        for (String bad : List.of("period=FY2026-Q9", "changedSince=yesterday", "asOf=soon", "kind=SLIPPED",
                "sort=amount,sideways", "sort=owner", "category=MAYBE", "size=501", "page=-1")) {
            String parameter = bad.substring(0, bad.indexOf('='));
            var refused = http.get("/api/forecast/inspection?period=FY2026-Q4&" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains(parameter);
        }
        assertThat(http.get(QUERY.replace("changedSince=2026-10-01T00:00:00Z", "changedSince=2026-11-01T00:00:00Z"))
                .status()).isEqualTo(400);
        // the figures' scope rules: a rep reads only their own
        var rep = http.as(TestTokens.rep("insp-rep", "insp-team", "emea").token());
        assertThat(rep.get("/api/forecast/inspection?period=FY2026-Q4&scope=org").status()).isEqualTo(403);
        assertThat(rep.get("/api/forecast/inspection?period=FY2026-Q4&changedSince=2026-10-01T00:00:00Z"
                + "&asOf=2026-10-31T00:00:00Z").json().get("totalItems").asLong()).isEqualTo(2);
    }
}
