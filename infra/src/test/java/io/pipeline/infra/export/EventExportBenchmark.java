package io.pipeline.infra.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.PipelineInfrastructureExtension;
import io.pipeline.testsupport.bench.RawLimits;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * BI export of a million events: NDJSON export rate beside the raw Kafka consumer rate of the same run, and the
 * disk the topic takes per million events (what forever-retention costs).
 * Run: ./mvnw -pl infra verify -DskipITs -Dgroups=benchmark -DexcludedGroups=none -Dtest=EventExportBenchmark
 */
@Tag("benchmark")
@ExtendWith(PipelineInfrastructureExtension.class)
class EventExportBenchmark {

    static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);

    @Test
    void exportAMillionEvents(PipelineInfrastructure infrastructure) throws Exception {
        String kafka = infrastructure.kafkaBootstrapServers();
        double rawProduce = RawLimits.kafkaProducePerSecond(kafka, EVENTS, 600);
        double rawConsume = RawLimits.kafkaConsumePerSecond(kafka, EVENTS);

        String topic = ExportFixtures.newTopic(kafka, "export-bench");
        long produceStart = System.nanoTime();
        ExportFixtures.produce(kafka, topic, EVENTS, 100_000, Instant.parse("2020-01-01T00:00:00Z"));
        double produced = EVENTS / ((System.nanoTime() - produceStart) / 1e9);

        CountingStream out = new CountingStream();
        long start = System.nanoTime();
        EventExport.Progress done = new EventExport(new EventExport.Request(kafka, List.of(topic), null, null,
                EventExport.Format.NDJSON)).run(out, p -> System.out.printf("  ... %,d exported, %,.0f/s%n",
                p.exported(), p.perSecond()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytesOnDisk = topicBytes(kafka, topic);

        System.out.printf("""
                === BI export benchmark (%,d events, 6 partitions, one broker, 2 cores shared) ===
                raw Kafka produce, 600-byte records, acks=all:  %,10.0f records/s
                raw Kafka consume of the same:                   %,10.0f records/s
                relay-shaped events written (key, headers, JSON):%,10.0f events/s
                NDJSON export:                                   %,10.0f events/s  (%.1f s, %.0f%% of raw consume)
                export volume:                                   %,10.1f MB NDJSON (%.0f bytes/event)
                on disk in Kafka:                                %,10.1f MB per million events
                """, EVENTS, rawProduce, rawConsume, produced, done.exported() / seconds, seconds,
                100 * done.exported() / seconds / rawConsume, out.bytes / 1e6, (double) out.bytes / EVENTS,
                bytesOnDisk / 1e6 / (EVENTS / 1e6));
        assertThat(done.exported()).isEqualTo(EVENTS);
    }

    private static long topicBytes(String kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            var dirs = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
            return admin.describeLogDirs(dirs).allDescriptions().get().values().stream()
                    .flatMap(byDir -> byDir.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().size()).sum();
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
