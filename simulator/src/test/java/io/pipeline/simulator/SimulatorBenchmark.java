package io.pipeline.simulator;

import io.pipeline.contract.TopicProvisioner;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.PipelineInfrastructureExtension;
import io.pipeline.testsupport.bench.RawLimits;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One million events of history: how fast they are generated, how fast they are written to Kafka (generation,
 * JSON and send together), beside the raw producer rate of the same broker measured in the same run with records
 * of the same mean size. Run with {@code ./mvnw -o -pl simulator verify -Dgroups=benchmark -DexcludedGroups=none}.
 */
@Tag("benchmark")
@ExtendWith(PipelineInfrastructureExtension.class)
class SimulatorBenchmark {

    static final long EVENTS = 1_000_000;

    @Test
    void writesAMillionEventsOfHistoryToKafka(PipelineInfrastructure infrastructure) {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        TopicProvisioner.ensure(bootstrap, TopicProvisioner.publicTopics((short) 1));
        SimulationConfig config = SimulationConfig.defaults().withSeed(System.nanoTime())
                .withPeriod(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"))
                .withOrg(new SimulationConfig.OrgShape(3, 52, 8));

        long start = System.nanoTime();
        LongAdder recordBytes = new LongAdder();
        long generated;
        try (KafkaBulkWriter sizer = new KafkaBulkWriter(bootstrap, config.seed())) {
            generated = new Simulation(config).histories().flatMap(h -> h.events().stream()).limit(EVENTS)
                    .peek(e -> recordBytes.add(sizer.toRecord(e, 0).value().length)).count();
        }
        double generationSeconds = (System.nanoTime() - start) / 1e9;

        long written;
        start = System.nanoTime();
        try (KafkaBulkWriter writer = new KafkaBulkWriter(bootstrap, config.seed())) {
            written = writer.write(new Simulation(config).histories(), EVENTS, Progress.silent());
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;

        int meanBytes = (int) (recordBytes.sum() / generated);
        double raw = RawLimits.kafkaProducePerSecond(bootstrap, (int) written, meanBytes);
        System.out.printf(Locale.ROOT, "simulator benchmark (%s infrastructure), %d reps, %,d events of %d bytes mean:%n"
                        + "  generation + JSON: %,.0f events/s%n"
                        + "  Kafka bulk write (generation, JSON, send): %,.0f events/s%n"
                        + "  raw Kafka producer, same record size, acks=all: %,.0f records/s (write = %.0f%% of raw)%n",
                infrastructure.kind(), config.org().totalReps(), written, meanBytes, generated / generationSeconds,
                written / writeSeconds, raw, 100 * (written / writeSeconds) / raw);
    }
}
