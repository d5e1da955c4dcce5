package io.pipeline.lead.web;

import static io.pipeline.lead.web.LeadApi.captureRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventRecords;
import io.pipeline.contract.PeriodEvent;
import io.pipeline.testsupport.BusinessTimes;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * lead-service enforces the quarters opportunity-service closes: it learns each close and reopen from
 * {@code pipeline.periods.v1} (published here as opportunity-service's relay does) and refuses a rep's lead
 * back-dated into a closed quarter, over real HTTP and Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class LeadBusinessTimeHttpTest {

    private static final AtomicInteger LEADS = new AtomicInteger();

    @LocalServerPort
    int port;

    private HttpJson.Response captureAt(HttpJson rep, Instant occurredAt) {
        Map<String, Object> body = captureRequest("bt-lead-" + LEADS.incrementAndGet(), "rep-bt");
        body.put("occurredAt", occurredAt.toString());
        return rep.post("/api/leads", body);
    }

    private static void publish(PeriodEvent event) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PipelineInfrastructure.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new EventRecords("opportunity-service").toRecord(event, UUID.randomUUID().toString(), 0,
                    null));
        }
    }

    @Test
    void aRepsLeadBackDatedIntoAQuarterIsRefusedOnceItsCloseArrivesFromKafkaAndAcceptedAfterItsReopen() {
        HttpJson rep = new HttpJson("http://127.0.0.1:" + port, TestTokens.rep("rep-bt", "team-sdr", "emea").token());
        BusinessTimes.Quarter last = BusinessTimes.quarterBefore(1);
        Instant reopenedAt = Instant.now().minusSeconds(120);
        Instant closedAt = reopenedAt.plusSeconds(60);

        // reopened first, so the quarter is open whatever its grace says today
        publish(new PeriodEvent.PeriodReopened(last.id(), "late invoices", reopenedAt, "revops-1"));
        eventually().until(() -> captureAt(rep, last.inside()).status() == 201);

        publish(new PeriodEvent.PeriodClosed(last.id(), "books closed", closedAt, "revops-1"));
        eventually().until(() -> captureAt(rep, last.inside()).status() == 400);

        var refused = captureAt(rep, last.inside());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .contains("fiscal quarter " + last.id() + ", closed since " + closedAt + " by revops-1");
        assertThat(rep.get("/api/leads/bt-lead-" + LEADS.get() + "/history").status()).isEqualTo(404);
    }

    private static org.awaitility.core.ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }
}
