package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TracePropagationHttpTest extends HttpTestBase {

    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    static final String CALLER_SPAN_ID = "b7ad6b7169203331";

    @Test
    void aCommandsTraceIdTravelsOnItsEventsKafkaRecordWithTheRecordingTimeAsTimestamp() {
        Instant sent = Instant.now();
        var created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/opportunities"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(io.pipeline.testsupport.HttpJson.toJson(
                        validRequest("opp-traced-1")))));
        assertThat(created.status()).isEqualTo(201);

        var records = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.OPPORTUNITIES,
                r -> "opp-traced-1".equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        String traceparent = KafkaProbe.header(records.get(0), EventHeaders.TRACEPARENT);
        // 00-<same trace>-<the relay's span, a descendant of the caller's>-01
        assertThat(traceparent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01");
        assertThat(traceparent).doesNotContain(CALLER_SPAN_ID);
        Instant stored = Instant.parse(jdbc.queryForObject(
                "select timestamp from domainevententry where aggregateidentifier = ?", String.class, "opp-traced-1"));
        assertThat(records.get(0).timestamp()).isEqualTo(stored.toEpochMilli());
        assertThat(stored).isBetween(sent.minusSeconds(1), Instant.now());
    }

    @Test
    void aConvertedLeadsTraceContinuesOntoTheDealItOpens() {
        String leadTrace = "5bf92f3577b34da6a3ce929d0e0e4737";
        var conversion = LeadConversionConsumerTest.conversion("conv-traced-1", "SMB");
        LeadConversionConsumerTest.send(LeadConversionConsumerTest.RECORDS.toRecord(conversion, "event-conv-traced-1", 5,
                null, Instant.now(), "00-" + leadTrace + "-" + CALLER_SPAN_ID + "-01"));

        var records = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.OPPORTUNITIES,
                r -> "conv-traced-1".equals(r.key()), found -> !found.isEmpty(), Duration.ofSeconds(60));
        assertThat(records).isNotEmpty();
        assertThat(KafkaProbe.header(records.get(0), EventHeaders.TRACEPARENT))
                .matches("00-" + leadTrace + "-[0-9a-f]{16}-01");
    }
}
