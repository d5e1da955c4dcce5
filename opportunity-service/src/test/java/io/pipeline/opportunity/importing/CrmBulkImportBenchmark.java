package io.pipeline.opportunity.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.Topics;
import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.bench.RawLimits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The bulk import end to end: a generated Salesforce export ({@link GeneratedSalesforceExport}: Opportunity,
 * OpportunityHistory and OpportunityFieldHistory, 20 rows and 19-20 events a deal) posted over HTTP, timed from
 * the request to the last of its events acknowledged by Kafka through the relay, beside the raw PostgreSQL
 * batched-insert rate measured in the same run. {@code -Dbench.crmDeals} deals (default 50,000). The files are
 * written to disk and posted from there, and the service streams them ({@link DealParts}), so the heap peak printed
 * is the service's import, not the test's copy of the files (the upload limit, 512 MB, bounds the size: about
 * 280k deals; raise {@code pipeline.opportunity.imports.max-upload-size} beyond).
 * {@code ./mvnw -o -pl opportunity-service -am verify -Dgroups=benchmark -DexcludedGroups=none
 * -Dtest=CrmBulkImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class CrmBulkImportBenchmark extends HttpTestBase {

    private static final int DEALS = Integer.getInteger("bench.crmDeals", 50_000);

    @Test
    void importsAGeneratedSalesforceOrgAtBulkSpeed() throws Exception {
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        double rawInserts = RawLimits.postgresBatchedInsertsPerSecond(infrastructure.newDatabase("rawlimits"),
                200_000, 1000, 900);

        Path directory = Files.createTempDirectory("crm-bulk-import-");
        List<Path> files = GeneratedSalesforceExport.writeTo(directory, DEALS);
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        long expectedEvents = GeneratedSalesforceExport.events(DEALS);
        long relayedBefore = relayed(infrastructure.kafkaBootstrapServers());
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);

        long start = System.nanoTime();
        MultipartBody body = new MultipartBody()
                .file("opportunities", "Opportunity.csv", files.get(0))
                .file("history", "OpportunityHistory.csv", files.get(1))
                .file("fieldHistory", "OpportunityFieldHistory.csv", files.get(2))
                .file("stages", "stages.csv", GeneratedSalesforceExport.STAGES.getBytes(StandardCharsets.UTF_8))
                .file("owners", "owners.csv", GeneratedSalesforceExport.owners().getBytes(StandardCharsets.UTF_8));
        HttpJson.Response started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/imports?format=SALESFORCE")).header("Content-Type", body.contentType()).POST(body.publisher()));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode[] report = new JsonNode[1];
        eventually().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            sampleLiveHeap();
            report[0] = http.get(started.header("Location")).json();
            return ImportStatus.valueOf(report[0].get("status").asString()).finished();
        });
        double storedSeconds = (System.nanoTime() - start) / 1e9;
        eventually().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> sampleLiveHeap() && relayed(infrastructure.kafkaBootstrapServers()) - relayedBefore >= expectedEvents);
        double endToEndSeconds = (System.nanoTime() - start) / 1e9;
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long heapMax = Runtime.getRuntime().maxMemory();

        String summary = String.format("CRM bulk import, generated Salesforce export: %,d deals, %,d rows (%.0f MB),"
                        + " %,d events; stored in %.1f s (%,.0f events/s), stored and relayed to Kafka in %.1f s"
                        + " (%,.0f events/s end to end); heap peak %,d MB of %,d MB (the most left after a collection: %,d MB); raw PostgreSQL batched inserts"
                        + " (batches of 1000, one commit each) %,.0f rows/s, same run; load average %.2f on %d cores%n",
                DEALS, report[0].get("rowsRead").asLong(), bytes / 1e6, report[0].get("eventsRecorded").asLong(), storedSeconds,
                expectedEvents / storedSeconds, endToEndSeconds, expectedEvents / endToEndSeconds,
                heapPeak >> 20, heapMax >> 20, liveHeapMax >> 20, rawInserts,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.print(summary);
        Files.writeString(Path.of("target/crm-bulk-import-benchmark.txt"), summary);
        for (Path file : files) {
            Files.delete(file);
        }
        Files.delete(directory);
        assertThat(report[0].get("status").asString()).as(report[0].toString()).isEqualTo("DONE");
        assertThat(report[0].get("eventsRecorded").asLong()).isEqualTo(expectedEvents);
        assertThat(report[0].get("rowsRead").asLong()).isEqualTo((long) DEALS * GeneratedSalesforceExport.ROWS_PER_DEAL);
    }

    private long liveHeapMax;

    /** The heap left after the latest collection of each pool: what the import holds, without its garbage. */
    private boolean sampleLiveHeap() {
        long live = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
        liveHeapMax = Math.max(liveHeapMax, live);
        return true;
    }

    /** Records on the deals' topic, all partitions: what the relay has had acknowledged. */
    private static long relayed(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.OPPORTUNITIES)).allTopicNames().get()
                    .get(Topics.OPPORTUNITIES).partitions().stream()
                    .map(p -> new TopicPartition(Topics.OPPORTUNITIES, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
