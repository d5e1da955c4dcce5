package io.pipeline.eventsourcing.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.embedded.KafkaBroker;
import io.pipeline.embedded.Ports;
import io.pipeline.eventsourcing.relay.RelayTestApplication.Count;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.RealInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The relay on a broker of its own, which the test stops and starts: commands keep succeeding while Kafka is
 * down, and afterwards every event arrives, in order per key, each event id at least once.
 */
@SpringBootTest(classes = RelayTestApplication.class, properties = {
        "pipeline.kafka.request-timeout=3s", "pipeline.relay.batch-size=20", "spring.application.name=relay-test"})
@RealInfrastructure(database = "relay", kafka = false)
class KafkaRelayFaultTest {

    static final Path BROKER_DATA = temporaryDirectory();
    static final int BROKER_PORT = Ports.freePort();
    static KafkaBroker broker = KafkaBroker.start(BROKER_DATA, BROKER_PORT);

    @Autowired
    CommandGateway commands;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    RelayTestApplication.FlakyMapper mapper;

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("pipeline.kafka.bootstrap-servers", () -> "127.0.0.1:" + BROKER_PORT);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void everyEventArrivesInOrderAfterTheBrokerWasDownWhileCommandsKeptSucceeding() {
        List<String> tallies = IntStream.range(0, 8).mapToObj(i -> "outage-" + i).toList();
        count(tallies, 1, 5);
        awaitCounts(tallies, 5);

        broker.close();
        count(tallies, 6, 10); // sendAndWait returns: the events are stored while Kafka is away
        broker = KafkaBroker.start(BROKER_DATA, BROKER_PORT);

        assertEachTallyArrivedInOrder(awaitCounts(tallies, 10), 10);
    }

    @Test
    void aRelayThatCrashesInTheMiddleOfABatchOrIsStoppedLosesNothing() {
        List<String> tallies = IntStream.range(0, 5).mapToObj(i -> "crash-" + i).toList();
        mapper.failAtCount.set(3);
        count(tallies, 1, 6);
        StreamingEventProcessor relay = processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        relay.shutDown();
        count(tallies, 7, 12);
        relay.start();

        assertEachTallyArrivedInOrder(awaitCounts(tallies, 12), 12);
        assertThat(mapper.failAtCount.get()).as("the injected crash happened").isEqualTo(-1);
    }

    private void count(List<String> tallies, int from, int to) {
        for (int n = from; n <= to; n++) {
            for (String tally : tallies) {
                commands.sendAndWait(new Count(tally, n));
            }
        }
    }

    /** Records per tally, in partition order, once each tally's highest count has arrived. */
    private Map<String, List<ConsumerRecord<String, byte[]>>> awaitCounts(List<String> tallies, int highest) {
        return KafkaProbe.readEachKeyThrough("127.0.0.1:" + BROKER_PORT, Topics.OPPORTUNITIES, tallies, EventHeaders.SEQUENCE,
                highest - 1, Duration.ofSeconds(90));
    }

    /** Dropping re-sent duplicates (same event id), each tally's events are its sequence 0..n-1 in order. */
    private static void assertEachTallyArrivedInOrder(Map<String, List<ConsumerRecord<String, byte[]>>> byTally, int n) {
        byTally.forEach((tally, records) -> {
            Set<String> seenIds = new LinkedHashSet<>();
            List<Integer> firstArrivals = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (seenIds.add(KafkaProbe.header(record, EventHeaders.ID))) {
                    firstArrivals.add(Integer.parseInt(KafkaProbe.header(record, EventHeaders.SEQUENCE)));
                }
            }
            assertThat(firstArrivals).as(tally).containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
            assertThat(records).allMatch(r -> r.partition() == records.get(0).partition());
        });
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("relay-fault-broker");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
