package io.pipeline.opportunity.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.testsupport.HttpJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The import rate on the largest sample: the whole Maven Analytics CRM export (8 800 deals), read from
 * /work/shared when present. Not part of the normal build:
 * {@code ./mvnw -o -pl opportunity-service verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=MavenCrmImportBenchmark}
 */
@Tag("benchmark")
class MavenCrmImportBenchmark extends HttpTestBase {

    private static final Path SAMPLE = Path.of("/work/shared/datasets/maven-crm-sales-opportunities");

    @Test
    void importsTheWholeMavenCrmExport() throws IOException {
        assumeTrue(Files.isReadable(SAMPLE.resolve("sales_pipeline.csv")), "the Maven CRM sample is not on this machine");
        CsvFile deals;
        CsvFile owners;
        try (var pipeline = Files.newBufferedReader(SAMPLE.resolve("sales_pipeline.csv"));
             var products = Files.newBufferedReader(SAMPLE.resolve("products.csv"));
             var teams = Files.newBufferedReader(SAMPLE.resolve("sales_teams.csv"))) {
            deals = MavenCrmExport.deals(pipeline, products);
            owners = MavenCrmExport.owners(teams);
        }
        MultipartBody body = new MultipartBody().file("deals", "deals.csv", deals.content())
                .file("owners", "owners.csv", owners.content())
                .file("stages", "stages.csv", MavenCrmExport.STAGES.getBytes(StandardCharsets.UTF_8));
        HttpJson.Response started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/imports?format=PIPELINE")).header("Content-Type", body.contentType()).POST(body.publisher()));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode[] report = new JsonNode[1];
        eventually().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            report[0] = http.get(started.header("Location")).json();
            return ImportStatus.valueOf(report[0].get("status").asString()).finished();
        });
        String summary = String.format("Maven CRM import: %d rows, %d deals (%d imported, %d refused), %d events,"
                        + " %.1f rows/s, %.1f events/s%n", report[0].get("rowsRead").asLong(),
                report[0].get("dealsRead").asLong(), report[0].get("dealsImported").asLong(),
                report[0].get("dealsRefused").asLong(), report[0].get("eventsRecorded").asLong(),
                report[0].get("rowsPerSecond").asDouble(), report[0].get("eventsPerSecond").asDouble());
        System.out.print(summary);
        Files.writeString(Path.of("target/crm-import-benchmark.txt"), summary);
        assertThat(report[0].get("status").asString()).isEqualTo("DONE");
    }
}
