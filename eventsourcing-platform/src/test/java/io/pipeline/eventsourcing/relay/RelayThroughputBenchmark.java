package io.pipeline.eventsourcing.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.eventsourcing.relay.RelayTestApplication.Counted;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.bench.RawLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Relay throughput: events per second from the PostgreSQL event store to Kafka acknowledgements, beside the raw
 * Kafka producer rate measured in the same run.
 * Run: ./mvnw -pl eventsourcing-platform verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=RelayThroughputBenchmark
 */
@Tag("benchmark")
@SpringBootTest(classes = RelayTestApplication.class, properties = "spring.application.name=relay-bench")
@RealInfrastructure(database = "relay_bench")
class RelayThroughputBenchmark {

    static final int EVENTS = Integer.getInteger("bench.events", 200_000);
    static final int AGGREGATES = 10_000;

    @Autowired
    EventStorageEngine storage;
    @Autowired
    TransactionManager transactions;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RelaySettings settings;

    @Test
    void relayThroughputBesideTheRawProducerRate() {
        StreamingEventProcessor relay = processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        relay.shutDown();
        long storeStart = System.nanoTime();
        Instant now = Instant.now();
        for (int from = 0; from < EVENTS; from += 5_000) {
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(EVENTS, from + 5_000); i++) {
                String tally = "bench-" + (i % AGGREGATES);
                batch.add(new GenericDomainEventMessage<>("Tally", tally, i / AGGREGATES,
                        new Counted(tally, i / AGGREGATES + 1, now)));
            }
            transactions.executeInTransaction(() -> storage.appendEvents(batch));
        }
        double stored = EVENTS / ((System.nanoTime() - storeStart) / 1e9);

        double before = published();
        long start = System.nanoTime();
        relay.start();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> published() - before >= EVENTS);
        double relayRate = EVENTS / ((System.nanoTime() - start) / 1e9);
        double rawProduce = RawLimits.kafkaProducePerSecond(PipelineInfrastructure.shared().kafkaBootstrapServers(),
                EVENTS, 700);

        System.out.printf("""
                === Relay throughput benchmark (%,d events of %,d aggregates, batch %d, %d segments on %d threads, 2 cores shared, load average %.2f) ===
                events appended to the PostgreSQL event store:   %,10.0f events/s
                relay, event store -> Kafka acks (lz4, acks=all): %,10.0f events/s
                raw Kafka produce, 700-byte records, acks=all:    %,10.0f records/s
                relay / raw producer:                             %10.0f %%
                """, EVENTS, AGGREGATES, settings.batchSize(), settings.segments(), settings.threads(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), stored, relayRate,
                rawProduce, 100 * relayRate / rawProduce);
        assertThat(published() - before).isGreaterThanOrEqualTo(EVENTS);
    }

    private double published() {
        return meters.counter("pipeline.relay.published").count();
    }
}
