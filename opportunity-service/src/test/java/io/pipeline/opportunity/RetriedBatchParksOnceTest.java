package io.pipeline.opportunity;

import static io.pipeline.opportunity.LeadConversionConsumerTest.conversion;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class RetriedBatchParksOnceTest extends LeadConversionFaults {

    private static ProducerRecord<String, byte[]> unreadable(String key) {
        var headers = RECORDS.toRecord(conversion(key, "SMB"), "event-" + key, 5, null).headers();
        return new ProducerRecord<>(Topics.LEADS, 0, key, "{\"lead\": 42".getBytes(StandardCharsets.UTF_8), headers);
    }

    @Test
    void unreadableConversionsAroundAFailingOneAreParkedOnceEachWhileItIsRetried() {
        failTimes("parks-once-x", 3);
        sendTogether(unreadable("parks-once-before"),
                onPartition(0, RECORDS.toRecord(conversion("parks-once-x", "SMB"), "event-parks-once-x", 5, null)),
                unreadable("parks-once-after"));

        awaitOpened("parks-once-x");
        // other tests of this JVM park records on the same topic: count only this test's keys
        Set<String> mine = Set.of("parks-once-before", "parks-once-after");
        var parked = KafkaProbe.read(PipelineInfrastructure.shared().kafkaBootstrapServers(), Topics.DEAD_LETTERS,
                r -> mine.contains(r.key())
                        && "lead-conversion-faults-test".equals(KafkaProbe.header(r, EventHeaders.DLT_CONSUMER)), found -> found.size() > 2, Duration.ofSeconds(5));
        assertThat(parked).extracting(r -> r.key()).containsExactlyInAnyOrder("parks-once-before", "parks-once-after");
        assertThat(attempts.stream().filter("parks-once-x"::equals).count()).isEqualTo(4);
    }
}
