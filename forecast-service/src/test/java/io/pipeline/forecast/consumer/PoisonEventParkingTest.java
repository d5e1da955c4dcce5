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
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Events already on the topics that the read model cannot store are parked once and the consumer carries on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-poison-${random.uuid}")
@RealInfrastructure(database = "forecast")
class PoisonEventParkingTest {

    static final Instant T0 = Instant.parse("2026-09-01T10:00:00Z");
    /** Its own team and rep: other tests of this JVM read the same topics into figures by team. */
    static final String TEAM = "team-" + UUID.randomUUID();
    static final String REP = "rep-" + UUID.randomUUID();

    @LocalServerPort
    int port;
    @Autowired
    ForecastSettings settings;

    @BeforeAll
    static void topics() {
        TopicProvisioner.ensure(bootstrap(), TopicProvisioner.publicTopics((short) 1));
    }

    static String bootstrap() {
        return PipelineInfrastructure.shared().kafkaBootstrapServers();
    }

    static Deal deal(String id, String region, String amount) {
        return new Deal(id, "acc", "deal " + id, REP, TEAM, region, "ENTERPRISE", "NEW_BUSINESS",
                "enterprise", 1, new BigDecimal(amount), "USD", LocalDate.parse("2026-11-15"), "Qualified",
                "PIPELINE", "OPEN", true);
    }

    @Test
    void eventsTheReadModelCannotStoreAreParkedOnceAndTheNextEventsAreServed() throws Exception {
        String region = "region-" + UUID.randomUUID();
        String nulDeal = "nul-" + UUID.randomUUID();
        String longDeal = "long-" + UUID.randomUUID();
        String hugeDeal = "huge-" + UUID.randomUUID();
        String nulLead = "lead-nul-" + UUID.randomUUID();
        String good = "good-" + UUID.randomUUID();
        EventRecords records = new EventRecords("/test");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            // each is valid JSON of the contract, stored by a command side before the input policy existed
            producer.send(records.toRecord(new OpportunityEvent.OpportunityOpened(
                    deal(nulDeal, region + "\u0000", "10.00"), null, T0, "rep-1"), UUID.randomUUID().toString(), 0,
                    null));
            producer.send(records.toRecord(new OpportunityEvent.OpportunityOpened(
                    deal(longDeal, region + "x".repeat(200), "10.00"), null, T0, "rep-1"),
                    UUID.randomUUID().toString(), 0, null));
            producer.send(records.toRecord(new OpportunityEvent.OpportunityOpened(
                    deal(hugeDeal, region, "1" + "0".repeat(30)), null, T0, "rep-1"), UUID.randomUUID().toString(),
                    0, null));
            producer.send(records.toRecord(new LeadEvent.LeadCaptured(new LeadEvent.Lead(nulLead, "Acme\u0000",
                    "INBOUND", REP, TEAM, region + "\u0000", "SMB", "CAPTURED"), T0, "rep-1"),
                    UUID.randomUUID().toString(), 0, null));
            producer.send(records.toRecord(new OpportunityEvent.OpportunityOpened(deal(good, region, "70.00"), null,
                    T0, "rep-1"), UUID.randomUUID().toString(), 0, null)).get();
        }
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());

        // worked by hand: only the good deal (70.00) is in the region's Q4 pipeline; the huge one is parked too
        JsonNode totals = await().atMost(Duration.ofSeconds(30)).until(
                () -> http.get("/api/forecast/category-totals?period=FY2026-Q4&scope=region:" + region).json(),
                json -> pipelineAmount(json).equals("70.00"));
        assertThat(pipelineAmount(totals)).isEqualTo("70.00");

        Set<String> poisonKeys = Set.of(nulDeal, longDeal, hugeDeal, nulLead);
        var parked = KafkaProbe.read(bootstrap(), Topics.DEAD_LETTERS, r -> poisonKeys.contains(r.key()),
                found -> found.size() >= 4, Duration.ofSeconds(20));
        assertThat(parked).extracting(r -> r.key()).containsExactlyInAnyOrderElementsOf(poisonKeys);
        Map<String, String> reasons = parked.stream().collect(Collectors.toMap(r -> r.key(),
                r -> KafkaProbe.header(r, EventHeaders.DLT_REASON)));
        assertThat(reasons.get(nulDeal)).contains("SQLSTATE 22021");
        assertThat(reasons.get(nulLead)).contains("SQLSTATE 22021");
        assertThat(reasons.get(longDeal)).contains("SQLSTATE 22001");
        assertThat(reasons.get(hugeDeal)).contains("SQLSTATE 22003");
        assertThat(KafkaProbe.header(parked.get(0), EventHeaders.DLT_CONSUMER)).isEqualTo(settings.consumerGroup());

        JsonNode health = new HttpJson("http://127.0.0.1:" + port).get("/actuator/health").json();
        JsonNode detail = health.get("components").get("parkedEvents").get("details").get(settings.consumerGroup());
        assertThat(detail.get("parked").asLong()).isEqualTo(4);
        assertThat(health.get("status").asString()).isEqualTo("UP");
    }

    private static String pipelineAmount(JsonNode totals) {
        for (JsonNode total : totals.get("totals")) {
            if (total.get("category").asString().equals("PIPELINE")) {
                return total.get("amount").asString();
            }
        }
        throw new AssertionError("no PIPELINE in " + totals);
    }
}
