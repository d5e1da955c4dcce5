package io.pipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.TopicProvisioner;
import io.pipeline.embedded.Ports;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.PipelineInfrastructureExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The thin slice, end to end over real HTTP, Kafka and PostgreSQL: a deal posted to the gateway is stored by
 * opportunity-service's aggregate, relayed to Kafka, consumed by forecast-service into its read model, and
 * counted in its quarter's pipeline when read back through the gateway. The services run from their packaged
 * jars as separate processes, exactly as the local stack runs them.
 */
@ExtendWith(PipelineInfrastructureExtension.class)
class PipelineEndToEndIT {

    static ServiceFleet fleet;
    static HttpJson gateway;

    @BeforeAll
    static void startServices(PipelineInfrastructure infrastructure) {
        TopicProvisioner.ensure(infrastructure.kafkaBootstrapServers(), TopicProvisioner.publicTopics((short) 1));
        Path repository = Path.of(System.getProperty("pipeline.repository.root", "..")).toAbsolutePath().normalize();
        ServiceFleet.Ports ports = new ServiceFleet.Ports(Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Ports.freePort());
        fleet = ServiceFleet.start(ServiceFleet.plan(repository, ports, infrastructure.kafkaBootstrapServers(),
                        database(infrastructure, "e2e_leads"), database(infrastructure, "e2e_opportunities"),
                        database(infrastructure, "e2e_forecast")),
                repository.resolve("infra/target/e2e-logs"), Duration.ofMinutes(4), service -> { });
        gateway = new HttpJson("http://127.0.0.1:" + ports.gateway());
    }

    private static ServiceFleet.Database database(PipelineInfrastructure infrastructure, String prefix) {
        PipelineInfrastructure.Database db = infrastructure.newDatabase(prefix);
        return new ServiceFleet.Database(db.jdbcUrl(), db.username(), db.password());
    }

    @AfterAll
    static void stopServices() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void aDealPostedThroughTheGatewayIsCountedInItsQuartersPipeline() {
        String region = "e2e-" + UUID.randomUUID();
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("accountId", "acme");
        deal.put("name", "Acme data platform");
        deal.put("ownerId", "rep-7");
        deal.put("teamId", "team-3");
        deal.put("regionId", region);
        deal.put("segment", "ENTERPRISE");
        deal.put("type", "NEW_BUSINESS");
        deal.put("amount", "84250.75");
        deal.put("currency", "USD");
        deal.put("closeDate", "2031-05-20");

        HttpJson.Response created = gateway.post("/api/opportunities", deal);
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode totals = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> gateway.get("/api/forecast/category-totals?period=FY2031-Q2&scope=region:" + region).json(),
                json -> json.get("totals").get(0).get("count").asLong() == 1);
        JsonNode pipeline = totals.get("totals").get(0);
        assertThat(pipeline.get("category").asString()).isEqualTo("PIPELINE");
        assertThat(pipeline.get("amount").asString()).isEqualTo("84250.75");
        assertThat(totals.get("start").asString()).isEqualTo("2031-04-01");
    }

    @Test
    void eachServiceIsUpBehindTheGateway() {
        assertThat(gateway.get("/actuator/health").body()).contains("\"UP\"");
        assertThat(gateway.get("/api-docs/forecast").status()).isEqualTo(200);
        assertThat(gateway.get("/api-docs/opportunities").status()).isEqualTo(200);
        assertThat(gateway.get("/api-docs/leads").status()).isEqualTo(200);
    }
}
