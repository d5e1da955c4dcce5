package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.EventRecords;
import io.pipeline.contract.LeadEvent.Lead;
import io.pipeline.contract.LeadEvent.LeadConverted;
import io.pipeline.contract.Topics;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LeadConversionConsumerTest extends HttpTestBase {

    static final EventRecords RECORDS = new EventRecords("/lead-service");

    static LeadConverted conversion(String opportunityId, String segment) {
        Lead lead = new Lead("lead-" + opportunityId, "Hooli", "INBOUND", "rep-7", "team-7", "amer", segment,
                "CONVERTED");
        return new LeadConverted(lead, opportunityId, "acc-" + opportunityId, "Hooli Inc", "Hooli expansion",
                new BigDecimal("45000.00"), "USD", LocalDate.parse("2026-10-31"),
                Instant.parse("2026-04-01T12:00:00Z"), "ae-1");
    }

    static void send(ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PipelineInfrastructure.shared().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record);
            producer.flush();
        }
    }

    @Test
    void aConvertedLeadOpensOneNewBusinessDealAtTheFirstQualifiedStageEvenWhenDeliveredTwice() {
        var record = RECORDS.toRecord(conversion("conv-1", "SMB"), "event-conv-1", 5, "corr-conv-1");
        send(record);
        send(record);

        eventually().untilAsserted(() -> assertThat(http.get("/api/opportunities/conv-1").status()).isEqualTo(200));
        var deal = http.get("/api/opportunities/conv-1").json();
        assertThat(deal.get("type").asString()).isEqualTo("NEW_BUSINESS");
        assertThat(deal.get("processId").asString()).isEqualTo("smb");
        assertThat(deal.get("stage").asString()).isEqualTo("Qualified");
        assertThat(deal.get("qualified").asBoolean()).isTrue();
        assertThat(deal.get("leadId").asString()).isEqualTo("lead-conv-1");
        assertThat(deal.get("openedAt").asString()).isEqualTo("2026-04-01T12:00:00Z");
        assertThat(http.get("/api/accounts/acc-conv-1").json().get("name").asString()).isEqualTo("Hooli Inc");
        eventually().untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from domainevententry where aggregateidentifier = 'conv-1'", Integer.class)).isEqualTo(1));
    }

    @Test
    void aConversionThatCannotBeReadIsParkedOnTheDeadLetterTopicWithTheReason() {
        var good = RECORDS.toRecord(conversion("conv-bad", "ENTERPRISE"), "event-conv-bad", 5, null);
        send(new ProducerRecord<>(Topics.LEADS, null, "conv-bad", "{\"lead\": 42".getBytes(StandardCharsets.UTF_8),
                good.headers()));

        var parked = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.DEAD_LETTERS,
                r -> "conv-bad".equals(r.key())
                        && "opportunity-service-lead-conversions".equals(KafkaProbe.header(r, EventHeaders.DLT_CONSUMER)),
                found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(parked).hasSize(1);
        assertThat(KafkaProbe.header(parked.get(0), EventHeaders.DLT_REASON)).contains("LeadConverted");
        assertThat(KafkaProbe.header(parked.get(0), EventHeaders.DLT_CONSUMER))
                .isEqualTo("opportunity-service-lead-conversions");
    }
}
