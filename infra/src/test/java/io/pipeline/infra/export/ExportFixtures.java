package io.pipeline.infra.export;

import io.pipeline.contract.EventRecords;
import io.pipeline.contract.OpportunityEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes realistic opportunity events, exactly as the relay does, to a topic of the test's own. */
final class ExportFixtures {

    private ExportFixtures() {
    }

    static String newTopic(String bootstrapServers, String prefix) {
        String topic = prefix + "-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return topic;
    }

    static OpportunityEvent.StageAdvanced stageAdvanced(String id, String name, Instant at) {
        var deal = new OpportunityEvent.Deal(id, "acc-" + id.hashCode() % 1000, name, "rep-1", "team-1", "emea",
                "ENTERPRISE", "NEW_BUSINESS", "enterprise", 1, new BigDecimal("125000.00"), "EUR",
                LocalDate.of(2026, 12, 15), "Evaluation", "BEST_CASE", "OPEN", true);
        return new OpportunityEvent.StageAdvanced(deal, "Business case", "PIPELINE", at, "rep-1");
    }

    /** Sends {@code count} events for {@code deals} deals, one minute of business time apart, to {@code topic}. */
    static void produce(String bootstrapServers, String topic, int count, int deals, Instant start) {
        EventRecords records = new EventRecords("/export-test");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String deal = "deal-" + (i % deals);
                ProducerRecord<String, byte[]> record = records.toRecord(
                        stageAdvanced(deal, "Deal " + deal, start.plusSeconds(60L * i)), "evt-" + i, i / deals, null);
                producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
            }
            producer.flush();
        }
    }
}
