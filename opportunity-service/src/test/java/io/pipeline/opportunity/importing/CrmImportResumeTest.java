package io.pipeline.opportunity.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.OpportunityServiceApplication;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.InstanceArguments;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An import cut short by the service stopping, then started again on a new instance with the same files: the
 * second run adds exactly what the first did not store, nothing twice, counted event by event per deal against
 * what the generated file gives (19 or 20 events a deal, {@link GeneratedSalesforceExport}). The files are read in
 * small parts ({@link DealParts}), so this also checks that a deal split over the three files is whole in its part.
 */
class CrmImportResumeTest {

    private static final int DEALS = 2000;

    @Test
    void anImportStoppedMidwayAndStartedAgainAddsOnlyWhatIsMissing() throws Exception {
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        PipelineInfrastructure.Database database = infrastructure.newDatabase("opportunities");
        GeneratedSalesforceExport export = GeneratedSalesforceExport.of(DEALS);

        // small batches, one at a time: the import is far from done when the service stops
        ConfigurableApplicationContext first = start(database);
        HttpJson firstClient = client(first);
        String location = startImport(firstClient, first, export);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> firstClient.get(location).json().get("dealsDone").asLong() >= 40);
        first.close();

        Map<String, Long> afterStop = eventsPerDeal(database);
        long storedBeforeResume = afterStop.values().stream().mapToLong(Long::longValue).sum();
        assertThat(afterStop).as("the stop came before the import ended").hasSizeBetween(40, DEALS - 1);
        // a batch is one transaction: a deal is stored whole or not at all, never half
        afterStop.forEach((deal, events) -> assertThat(events).as(deal)
                .isEqualTo((long) GeneratedSalesforceExport.eventsOf(dealNumber(deal))));

        ConfigurableApplicationContext second = start(database);
        try {
            HttpJson secondClient = client(second);
            String resumed = startImport(secondClient, second, export);
            JsonNode[] report = new JsonNode[1];
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                report[0] = secondClient.get(resumed).json();
                return ImportStatus.valueOf(report[0].get("status").asString()).finished();
            });
            assertThat(report[0].get("status").asString()).as(report[0].toString()).isEqualTo("DONE");
            assertThat(report[0].get("dealsUnchanged").asLong()).isEqualTo(afterStop.size());
            assertThat(report[0].get("dealsImported").asLong()).isEqualTo(DEALS - afterStop.size());
            assertThat(report[0].get("eventsRecorded").asLong())
                    .isEqualTo(GeneratedSalesforceExport.events(DEALS) - storedBeforeResume);
        } finally {
            second.close();
        }

        Map<String, Long> afterResume = eventsPerDeal(database);
        assertThat(afterResume).hasSize(DEALS);
        for (int deal = 0; deal < DEALS; deal++) {
            assertThat(afterResume.get(GeneratedSalesforceExport.dealId(deal))).as("events of deal " + deal)
                    .isEqualTo((long) GeneratedSalesforceExport.eventsOf(deal));
        }
    }

    private static ConfigurableApplicationContext start(PipelineInfrastructure.Database database) {
        return new SpringApplicationBuilder(OpportunityServiceApplication.class).run(InstanceArguments.on(database,
                "--pipeline.opportunity.imports.batch-deals=5",
                "--pipeline.opportunity.imports.parallelism=1",
                // about 56 parts of the 3.6 MB files: every deal's rows must meet again in its part
                "--pipeline.opportunity.imports.part-size=64KB"));
    }

    private static HttpJson client(ConfigurableApplicationContext instance) {
        return new HttpJson(base(instance), TestTokens.admin());
    }

    private static String base(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static String startImport(HttpJson client, ConfigurableApplicationContext instance,
                                      GeneratedSalesforceExport export) {
        MultipartBody body = new MultipartBody()
                .file("opportunities", "Opportunity.csv", export.opportunities)
                .file("history", "OpportunityHistory.csv", export.history)
                .file("fieldHistory", "OpportunityFieldHistory.csv", export.fieldHistory)
                .file("stages", "stages.csv", GeneratedSalesforceExport.STAGES.getBytes(StandardCharsets.UTF_8))
                .file("owners", "owners.csv", GeneratedSalesforceExport.owners().getBytes(StandardCharsets.UTF_8));
        HttpJson.Response started = client.send(HttpRequest.newBuilder(URI.create(base(instance)
                + "/api/imports?format=SALESFORCE")).header("Content-Type", body.contentType()).POST(body.publisher()));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.header("Location");
    }

    private static Map<String, Long> eventsPerDeal(PipelineInfrastructure.Database database) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             ResultSet rows = c.createStatement().executeQuery("select aggregateidentifier, count(*) from"
                     + " domainevententry where aggregateidentifier like 'sf-%' group by aggregateidentifier")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static int dealNumber(String dealId) {
        String crmId = dealId.substring(ImportedIds.SALESFORCE.length());
        return Integer.parseInt(crmId.substring(5, 15));
    }
}
