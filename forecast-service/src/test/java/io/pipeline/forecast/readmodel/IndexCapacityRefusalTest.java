package io.pipeline.forecast.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.EventRecords;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.TopicProvisioner;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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

/**
 * A service whose heap cannot hold its index refuses to take more instead of dying slowly: with a share of the
 * heap too small for even one event, the first applied event makes the index refuse, health turns OUT_OF_SERVICE
 * (503) naming the reason, and the figures are still answered from what the index holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.forecast.consumer-group=forecast-test-${random.uuid}",
                "pipeline.forecast.memory.max-heap-fraction=0.00000001"})
@RealInfrastructure(database = "forecast")
class IndexCapacityRefusalTest {

    @LocalServerPort
    int port;
    @Autowired
    ServingReadModel serving;

    @BeforeAll
    static void topics() {
        // before the context starts: a consumer subscribed to a missing topic sees it only at a metadata refresh
        TopicProvisioner.ensure(PipelineInfrastructure.shared().kafkaBootstrapServers(),
                TopicProvisioner.publicTopics((short) 1));
    }

    @Test
    void anIndexBeyondItsShareOfTheHeapStopsTakingEventsAndReportsOutOfService() throws Exception {
        String bootstrap = PipelineInfrastructure.shared().kafkaBootstrapServers();
        String region = "region-" + UUID.randomUUID();
        EventRecords records = new EventRecords("/test");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            var lead = new LeadEvent.Lead("lead-" + UUID.randomUUID(), "Acme", "INBOUND", "rep-f", "team-f", region,
                    "SMB", "CAPTURED");
            producer.send(records.toRecord(new LeadEvent.LeadCaptured(lead, Instant.parse("2026-08-03T10:00:00Z"),
                    "rep-f"), UUID.randomUUID().toString(), 0, null)).get();
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .build();

        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(60)).until(
                () -> client.send(health, HttpResponse.BodyHandlers.ofString()),
                response -> response.body().contains("OUT_OF_SERVICE"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("indexCapacity").contains("max-heap-fraction");
        // the shared topics hold other tests' events, so which batch came first (and whether it held this lead) is
        // not known: what is known is that the index took one batch, kept it, and the figures are answered from it
        var index = serving.index().orElseThrow();
        long taken = index.eventCount() + index.leads().eventCount();
        assertThat(taken).isPositive();
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
        var funnel = http.get("/api/forecast/lead-funnel?period=FY2026-Q3&scope=org");
        assertThat(funnel.status()).isEqualTo(200);
        assertThat(funnel.json().get("steps").get(0).get("reached").asLong())
                .isLessThanOrEqualTo(index.leads().leadCount());
        assertThat(index.eventCount() + index.leads().eventCount()).isEqualTo(taken);
    }
}
