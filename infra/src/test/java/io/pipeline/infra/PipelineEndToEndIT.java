package io.pipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.PipelineInfrastructureExtension;
import io.pipeline.testsupport.RequestBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The thin slice, end to end over real HTTP, Kafka and PostgreSQL: a deal posted to the gateway is stored by
 * opportunity-service's aggregate, relayed to Kafka, consumed by forecast-service into its read model, and
 * counted in its quarter's pipeline when read back through the gateway. The services run from their packaged
 * jars as separate processes, exactly as the local stack runs them ({@link RunningStack}, shared with the
 * dashboard's browser tests).
 */
@ExtendWith(PipelineInfrastructureExtension.class)
class PipelineEndToEndIT {

    static String gatewayUrl;
    /** The demo admin, with a token of the gateway's dev issuer: what the services accept, checked by themselves. */
    static HttpJson gateway;
    static String bootstrapServers;

    @BeforeAll
    static void startServices(PipelineInfrastructure infrastructure) {
        RunningStack stack = RunningStack.shared(infrastructure);
        gatewayUrl = stack.gatewayUrl();
        gateway = stack.as("admin-1");
        bootstrapServers = stack.kafkaBootstrapServers();
    }

    @Test
    void aDealPostedThroughTheGatewayIsCountedInItsQuartersPipeline() {
        String region = "e2e-" + UUID.randomUUID();
        // no id: the service assigns one; the region, amount and close date are what the totals are checked for
        Map<String, Object> deal = RequestBodies.openDeal(null);
        deal.remove("opportunityId");
        deal.put("ownerId", "rep-7");
        deal.put("teamId", "team-3");
        deal.put("regionId", region);
        deal.put("amount", "84250.75");
        deal.put("closeDate", "2031-05-20");

        HttpJson.Response created = gateway.post("/api/opportunities", deal);
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode totals = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> gateway.get("/api/forecast/category-totals?period=FY2031-Q2&scope=region:" + region).json(),
                json -> json.get("totals").get(0).get("count").asLong() == 1);
        JsonNode pipeline = totals.get("totals").get(0);
        assertThat(pipeline.get("category").asString()).isEqualTo("PIPELINE");
        assertThat(pipeline.get("amount").asString()).isEqualTo("84250.75");
        assertThat(totals.get("basis").get("start").asString()).isEqualTo("2031-04-01");
    }

    /**
     * Another system subscribing the documented way (docs/events/README.md): a plain Kafka consumer in a group of
     * its own, from the beginning, reading the JSON and the CloudEvents headers, none of our code.
     */
    @Test
    void anOutsideSubscriberReadsTheDealEventAsPlainJson() {
        String opportunityId = "e2e-sub-" + UUID.randomUUID();
        Map<String, Object> deal = RequestBodies.openDeal(opportunityId);
        deal.put("accountId", "globex");
        deal.put("name", "Globex renewal");
        deal.put("ownerId", "rep-2");
        deal.put("regionId", "amer");
        deal.put("segment", "SMB");
        deal.put("type", "RENEWAL");
        deal.put("amount", "9999.99");
        deal.put("currency", "EUR");
        deal.put("closeDate", "2031-01-15");
        String correlationId = "e2e-correlation-" + UUID.randomUUID();
        assertThat(gateway.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/opportunities"))
                .header("Content-Type", "application/json").header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(HttpJson.toJson(deal)))).status()).isEqualTo(201);
        assertThat(gateway.post("/api/opportunities", deal).status()).as("a retry").isEqualTo(201);

        Map<String, JsonNode> byEventId = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> subscriber = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "billing-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            subscriber.subscribe(List.of("pipeline.opportunities.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (byEventId.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : subscriber.poll(Duration.ofMillis(200))) {
                    if (opportunityId.equals(record.key())) {
                        String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                        byEventId.putIfAbsent(id, JsonMapper.builder().build().readTree(record.value()));
                        assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                                .isEqualTo("pipeline.opportunity.OpportunityOpened");
                        assertThat(new String(record.headers().lastHeader("ce_correlationid").value(),
                                StandardCharsets.UTF_8)).as("the client's correlation id, carried onto the event")
                                .isEqualTo(correlationId);
                    }
                }
            }
        }
        assertThat(byEventId).as("one event, the retry recorded nothing").hasSize(1);
        JsonNode event = byEventId.values().iterator().next();
        assertThat(event.get("deal").get("amount").asString()).isEqualTo("9999.99");
        assertThat(event.get("deal").get("currency").asString()).isEqualTo("EUR");
        assertThat(event.get("deal").get("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void eachServiceIsUpBehindTheGateway() {
        assertThat(gateway.get("/actuator/health").body()).contains("\"UP\"");
        assertThat(gateway.get("/api-docs/forecast").status()).isEqualTo(200);
        assertThat(gateway.get("/api-docs/opportunities").status()).isEqualTo(200);
        assertThat(gateway.get("/api-docs/leads").status()).isEqualTo(200);
    }

    /**
     * Tokens of the dev issuer, validated by the gateway and again by each service: a rep acts on their own deal,
     * another team's rep finds no such deal, and without a token (whatever headers claim) nothing gets in.
     */
    @Test
    void eachServiceTrustsTheDevIssuersTokensAndAppliesTheCallersRights() {
        HttpClient http = HttpClient.newHttpClient();
        HttpJson rep1 = new HttpJson(gatewayUrl, DevTokens.fetch(http, gatewayUrl, "rep-1"));
        HttpJson rep3 = new HttpJson(gatewayUrl, DevTokens.fetch(http, gatewayUrl, "rep-3"));
        HttpJson manager1 = new HttpJson(gatewayUrl, DevTokens.fetch(http, gatewayUrl, "manager-1"));
        String opportunityId = "e2e-rights-" + UUID.randomUUID();
        // rep-1's deal in team-1, closing in FY2031-Q1: whose it is and when it closes are what the rights are about
        Map<String, Object> deal = RequestBodies.openDeal(opportunityId);
        deal.put("closeDate", "2031-03-01");

        assertThat(rep1.post("/api/opportunities", deal).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> rep1.get("/api/opportunities/" + opportunityId).status() == 200);
        assertThat(rep3.get("/api/opportunities/" + opportunityId).status()).isEqualTo(404);
        assertThat(rep3.post("/api/opportunities/" + opportunityId + "/close-won", Map.of()).status()).isEqualTo(404);
        assertThat(manager1.get("/api/opportunities/" + opportunityId).status()).isEqualTo(200);
        assertThat(rep1.get("/api/forecast/category-totals?period=FY2031-Q1").json().get("basis").get("scope")
                .asString()).isEqualTo("rep:rep-1");
        assertThat(rep1.get("/api/forecast/category-totals?period=FY2031-Q1&scope=org").status()).isEqualTo(403);
        assertThat(rep1.put("/api/sales-processes/e2e", Map.of("name", "x")).status()).isEqualTo(403);
        var forged = new HttpJson(gatewayUrl).send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/opportunities"))
                .header("X-User", "admin-1").header("X-Roles", "admin"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
    }
}
