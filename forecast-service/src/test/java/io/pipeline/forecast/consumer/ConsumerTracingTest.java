package io.pipeline.forecast.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** The forecast consumer continues the relay's trace and measures how fresh the figures are, on real Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.forecast.consumer-group=forecast-tracing-${random.uuid}",
        "management.opentelemetry.tracing.export.schedule-delay=50ms"})
@RealInfrastructure(database = "forecast")
class ConsumerTracingTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String RELAY_SPAN_ID = "00f067aa0ba902b7";

    @TestConfiguration
    static class Spans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    InMemorySpanExporter spans;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void topics() {
        TopicProvisioner.ensure(bootstrap(), TopicProvisioner.publicTopics((short) 1));
    }

    static String bootstrap() {
        return PipelineInfrastructure.shared().kafkaBootstrapServers();
    }

    @Test
    void aTracedRecordIsAppliedInAChildSpanOfItsTraceparentAndItsFreshnessIsCounted() throws Exception {
        String id = "T-" + UUID.randomUUID();
        Deal deal = new Deal(id, "acc", "deal", "rep-t", "team-t", "region-" + id, "ENTERPRISE", "NEW_BUSINESS",
                "enterprise", 1, new BigDecimal("100.00"), "USD", LocalDate.parse("2026-11-01"), "Selected",
                "COMMIT", "OPEN", true);
        // recorded 3 s before it is sent: the figures cannot show it fresher than that
        Instant recordedAt = Instant.now().minusSeconds(3);
        long before = caughtUpFreshnessCount();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new EventRecords("/test").toRecord(new OpportunityEvent.OpportunityOpened(deal, null,
                    Instant.parse("2026-09-01T10:00:00Z"), "rep"), UUID.randomUUID().toString(), 0, null,
                    recordedAt, "00-" + TRACE_ID + "-" + RELAY_SPAN_ID + "-01")).get();
        }

        SpanData applied = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(TRACE_ID)).findFirst().orElse(null), s -> s != null);
        assertThat(applied.getParentSpanId()).isEqualTo(RELAY_SPAN_ID);
        assertThat(applied.getName()).isEqualTo("forecast apply pipeline.opportunities.v1");

        await().atMost(Duration.ofSeconds(10)).until(() -> freshnessCount() == before + 1);
        assertThat(meters.get("pipeline.forecast.freshness").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isGreaterThanOrEqualTo(3000);
        String prometheus = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin())
                .get("/actuator/prometheus").body();
        assertThat(prometheus).contains("pipeline_forecast_freshness_seconds_bucket{")
                .contains("pipeline_forecast_freshness_seconds_count")
                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*group=\"forecast-tracing-");
    }

    @Test
    void anUntracedRecordStartsNoTraceOfItsOwn() throws Exception {
        String id = "U-" + UUID.randomUUID();
        Deal deal = new Deal(id, "acc", "deal", "rep-u", "team-u", "region-" + id, "SMB", "NEW_BUSINESS",
                "enterprise", 1, new BigDecimal("50.00"), "USD", LocalDate.parse("2026-11-01"), "Selected",
                "COMMIT", "OPEN", true);
        long before = caughtUpFreshnessCount();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new EventRecords("/test").toRecord(new OpportunityEvent.OpportunityOpened(deal, null,
                    Instant.parse("2026-09-01T10:00:00Z"), "rep"), UUID.randomUUID().toString(), 0, null)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> freshnessCount() > before);
        Thread.sleep(300);
        List<SpanData> consumerSpans = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("forecast apply") && !s.getTraceId().equals(TRACE_ID)).toList();
        assertThat(consumerSpans).isEmpty();
    }

    /**
     * The count once this context's consumer has caught up: its fresh group starts from the earliest offset, so the
     * records earlier test classes sent are still being applied (and counted) when a test begins.
     */
    private long caughtUpFreshnessCount() {
        AtomicLong seen = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> seen.getAndSet(freshnessCount()) == freshnessCount());
        return freshnessCount();
    }

    private long freshnessCount() {
        return meters.get("pipeline.forecast.freshness").timer().count();
    }
}
