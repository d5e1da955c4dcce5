package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.BusinessTimes;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.InstanceArguments;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of opportunity-service on one PostgreSQL database and one Kafka, as the production layout runs
 * them: commands on the same deal arrive at both at once.
 */
class TwoInstancesTest {

    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();
    private static HttpJson a;
    private static HttpJson b;

    @BeforeAll
    static void startTwoInstances() {
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        PipelineInfrastructure.Database database = infrastructure.newDatabase("opportunities");
        // one after the other: the first migrates the schema
        for (int i = 0; i < 2; i++) {
            INSTANCES.add(new SpringApplicationBuilder(OpportunityServiceApplication.class).run(
                    InstanceArguments.on(database)));
        }
        a = client(INSTANCES.get(0));
        b = client(INSTANCES.get(1));
    }

    private static HttpJson client(ConfigurableApplicationContext instance) {
        return new HttpJson("http://127.0.0.1:" + port(instance), TestTokens.admin());
    }

    private static int port(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
    }

    private static void open(String id) {
        var created = a.post("/api/opportunities", HttpTestBase.validRequest(id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static HttpJson.Response putIfMatch(HttpJson instance, String path, Object body, String ifMatch) {
        String base = "http://127.0.0.1:" + port(INSTANCES.get(instance == a ? 0 : 1));
        return instance.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("If-Match", ifMatch)
                .PUT(HttpRequest.BodyPublishers.ofString(HttpJson.toJson(body))));
    }

    /** The API writes a deal's amount as a decimal string with its scale ({@code "amount":"1000.00"}). */
    private static BigDecimal amount(JsonNode node) {
        assertThat(node.isString()).as("amount " + node).isTrue();
        return new BigDecimal(node.asString());
    }

    @Test
    void aChangeThroughOneInstanceIsSeenByTheOtherBeforeItDecides() {
        String id = "two-seq";
        open(id);

        var first = putIfMatch(a, "/api/opportunities/" + id + "/close-date", Map.of("closeDate", "2027-01-31"), "\"0\"");
        var second = putIfMatch(b, "/api/opportunities/" + id + "/close-date", Map.of("closeDate", "2027-02-28"), "\"1\"");
        // a's cache holds the deal at version 1: a stale copy would answer 412 here
        var third = putIfMatch(a, "/api/opportunities/" + id + "/close-date", Map.of("closeDate", "2027-03-31"), "\"2\"");

        assertThat(List.of(first, second, third)).extracting(HttpJson.Response::status).containsExactly(200, 200, 200);
        assertThat(third.header("ETag")).isEqualTo("\"3\"");
        assertThat(third.json().get("deal").get("closeDate").asString()).isEqualTo("2027-03-31");
    }

    @Test
    void concurrentChangesOfOneDealThroughBothInstancesAreAllRecordedWithoutAServerError() throws Exception {
        String id = "two-race";
        open(id);
        int changes = 24;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpJson.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < changes; i++) {
                HttpJson instance = i % 2 == 0 ? a : b;
                String amount = (1000 + i) + ".00";
                answers.add(clients.submit(() -> {
                    go.await();
                    return instance.put("/api/opportunities/" + id + "/amount", Map.of("amount", amount));
                }));
            }
            go.countDown();
            List<HttpJson.Response> done = new ArrayList<>();
            for (Future<HttpJson.Response> answer : answers) {
                done.add(answer.get());
            }

            assertThat(done).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
            // every change got a version of its own: none was appended over another or lost
            assertThat(done).extracting(r -> r.header("ETag")).doesNotHaveDuplicates().hasSize(changes)
                    .contains("\"1\"", "\"" + changes + "\"");
            HttpJson.Response last = done.stream().filter(r -> r.header("ETag").equals("\"" + changes + "\""))
                    .findFirst().orElseThrow();
            BigDecimal finalAmount = amount(last.json().get("deal").get("amount"));
            assertThat(finalAmount).isBetween(new BigDecimal("1000.00"), new BigDecimal("1023.00"));

            for (HttpJson instance : List.of(a, b)) {
                Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    var read = instance.get("/api/opportunities/" + id);
                    assertThat(read.header("ETag")).isEqualTo("\"" + changes + "\"");
                    assertThat(amount(read.json().get("amount"))).isEqualByComparingTo(finalAmount);
                });
            }
            var history = b.get("/api/opportunities/" + id + "/history");
            assertThat(history.status()).as(history.body()).isEqualTo(200);
            assertThat(history.json().get("totalItems").asLong()).isEqualTo(changes + 1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aQuarterClosedThroughOneInstanceIsClosedOnTheOtherToo() {
        BusinessTimes.Quarter last = BusinessTimes.quarterBefore(1);
        String path = "/api/periods/" + last.id();
        HttpJson revopsOnA = a.as(TestTokens.revops("revops-1").token());
        HttpJson repOnB = b.as(TestTokens.rep("rep-1", "team-1", "emea").token());
        open("two-period");
        Map<String, Object> backDated = Map.of("amount", "99000.00", "currency", "USD",
                "occurredAt", last.inside().toString());

        assertThat(revopsOnA.post(path + "/reopen", Map.of("reason", "late invoices")).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                repOnB.put("/api/opportunities/two-period/amount", backDated).status()).isEqualTo(200));

        assertThat(revopsOnA.post(path + "/close", Map.of("reason", "books closed")).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var refused = repOnB.put("/api/opportunities/two-period/amount", backDated);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("occurredAt");
        });
    }
}
