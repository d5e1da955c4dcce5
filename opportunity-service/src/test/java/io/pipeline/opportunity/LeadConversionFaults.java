package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.pipeline.contract.EventRecords;
import io.pipeline.opportunity.consumer.LeadConversionConsumer;
import org.springframework.beans.factory.annotation.Autowired;
import io.pipeline.contract.LeadEvent.LeadConverted;
import io.pipeline.opportunity.consumer.LeadConversions;
import io.pipeline.contract.Topics;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The lead-conversion consumer with a database that fails on chosen deals a chosen number of times. Its own consumer
 * group, so the records are not shared with the other test contexts' consumers on the same Kafka; short back-offs.
 * Closed after each class: while it runs, its consumer parks and opens beside the shared context's, which other
 * test classes count on seeing alone.
 */
@DirtiesContext
@TestPropertySource(properties = {
        "pipeline.opportunity.lead-conversions.group-id=lead-conversion-faults-test",
        "pipeline.opportunity.lead-conversions.initial-back-off=100ms",
        "pipeline.opportunity.lead-conversions.max-back-off=200ms"})
abstract class LeadConversionFaults extends HttpTestBase {

    static final EventRecords RECORDS = new EventRecords("/lead-service");

    @MockitoSpyBean
    LeadConversions conversions;

    /** Every attempt to open a deal of this test's ids, in order. */
    final List<String> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    @Autowired
    LeadConversionConsumer consumer;

    /**
     * Stubbed with the consumer stopped: Mockito's stubbing is not safe against the consumer's thread calling the
     * spy at the same moment (an AssertionError there stops the listener container).
     */
    @BeforeEach
    void failingDatabase() {
        consumer.stop();
        doAnswer(call -> {
            String id = ((LeadConverted) call.getArgument(0)).opportunityId();
            if (watched.contains(id)) {
                attempts.add(id);
                AtomicInteger left = failuresLeft.get(id);
                if (left != null && left.getAndDecrement() > 0) {
                    throw new IllegalStateException("the database is away");
                }
            }
            return call.callRealMethod();
        }).when(conversions).open(any(), any());
        consumer.start();
    }

    /** The deal was opened: its first event is in the store (the read model may lag on a loaded machine). */
    void awaitOpened(String opportunityId) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("select count(*) from domainevententry where aggregateidentifier = ?",
                        Integer.class, opportunityId)).isEqualTo(1));
    }

    void watch(String opportunityId) {
        watched.add(opportunityId);
    }

    void failTimes(String opportunityId, int times) {
        watch(opportunityId);
        failuresLeft.put(opportunityId, new AtomicInteger(times));
    }

    static ProducerRecord<String, byte[]> onPartition(int partition, ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(Topics.LEADS, partition, record.key(), record.value(), record.headers());
    }

    /** All in one producer batch, so the consumer sees them in one poll. */
    @SafeVarargs
    static void sendTogether(ProducerRecord<String, byte[]>... records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PipelineInfrastructure.shared().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 100), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }
}
