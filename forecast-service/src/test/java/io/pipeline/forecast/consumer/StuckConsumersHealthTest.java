package io.pipeline.forecast.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.EventRecords;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.TopicProvisioner;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A consumer that keeps failing (here: a table it writes to is gone for a while) turns its health component DOWN,
 * and UP again once it applied what waited; nothing is skipped meanwhile. Both of forecast-service's consumers: the
 * deal and lead topics' ({@code forecastConsumer}) and the plan topic's ({@code plan}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.forecast.consumer-group=forecast-stuck-${random.uuid}",
        "pipeline.forecast.consumer-stuck-after=1s",
        "pipeline.forecast.plan.stuck-after=1s",
        "pipeline.forecast.plan.apply-timeout=2s",
        "pipeline.forecast.plan.initial-back-off=100ms",
        "pipeline.forecast.plan.max-back-off=500ms"})
@RealInfrastructure(database = "forecast_stuck")
class StuckConsumersHealthTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void topics() {
        TopicProvisioner.ensure(PoisonEventParkingTest.bootstrap(), TopicProvisioner.publicTopics((short) 1));
    }

    @Test
    void aPlanChangeThatCannotBeAppliedYetIsA503ThatSaysItIsRecordedAndShowsOnceItCan() {
        HttpJson admin = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
        await().atMost(Duration.ofSeconds(30)).until(() -> status("plan").equals("UP"));
        String scope = "team:stuck-" + UUID.randomUUID();

        jdbc.execute("alter table quota rename to quota_away");
        HttpJson.Response refused;
        try {
            refused = admin.put("/api/forecast/quotas", Map.of("period", "FY2026-Q4", "scope", scope, "amount", "500"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.json().get("detail").asString()).contains("recorded").contains("do not send it again");
            await().atMost(Duration.ofSeconds(20)).until(() -> status("plan").equals("DOWN"));
            assertThat(component("plan").get("details").get("lastError").asString()).contains("quota");
        } finally {
            jdbc.execute("alter table quota_away rename to quota");
        }

        // applied once the table is back (after the topic's earlier changes, which waited too), and UP again
        await().atMost(Duration.ofSeconds(30)).until(() -> "500.00".equals(admin.get(
                "/api/forecast/quotas?period=FY2026-Q4&scope=" + scope).json().get("amount").asString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> status("plan").equals("UP"));
    }

    @Test
    void aConsumerWhoseBatchesKeepFailingIsDownUntilItAppliedThem() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> status("forecastConsumer").equals("UP"));
        String schema = jdbc.queryForObject("select schema_name from read_model_version where state = 'SERVING'",
                String.class);
        String deal = "stuck-" + UUID.randomUUID();

        jdbc.execute("alter table " + schema + ".opportunity_event rename to opportunity_event_away");
        try {
            try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    PoisonEventParkingTest.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new EventRecords("/test").toRecord(new OpportunityEvent.OpportunityOpened(
                        PoisonEventParkingTest.deal(deal, "stuck-region", "25.00"), null, PoisonEventParkingTest.T0,
                        "rep-1"), UUID.randomUUID().toString(), 0, null)).get();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> status("forecastConsumer").equals("DOWN"));
            assertThat(component("forecastConsumer").get("details").get("lastError").asString())
                    .contains("opportunity_event");
        } finally {
            jdbc.execute("alter table " + schema + ".opportunity_event_away rename to opportunity_event");
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> status("forecastConsumer").equals("UP"));
        assertThat(jdbc.queryForObject("select count(*) from " + schema + ".opportunity_event where opportunity_id = ?",
                Long.class, deal)).isEqualTo(1L);
    }

    private String status(String component) {
        JsonNode found = component(component);
        return found == null ? "MISSING" : found.get("status").asString();
    }

    private JsonNode component(String name) {
        return new HttpJson("http://127.0.0.1:" + port).get("/actuator/health").json().get("components").get(name);
    }
}
