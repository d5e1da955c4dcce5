package io.pipeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of opportunity-service behind the gateway (two real HTTP servers, one list in
 * {@code OPPORTUNITY_SERVICE_URL}): requests are spread over both, and when one stops the other answers them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.security.dev-issuer.enabled=true", "JWT_ISSUER_URI=http://gateway.test/auth",
                "spring.cloud.loadbalancer.health-check.interval=30s"})
class LoadBalancingTest {

    static final StubService first = new StubService();
    static final StubService second = new StubService();
    static final StubService others = new StubService();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("OPPORTUNITY_SERVICE_URL", () -> first.url() + "," + second.url());
        registry.add("LEAD_SERVICE_URL", others::url);
        registry.add("FORECAST_SERVICE_URL", others::url);
    }

    @AfterAll
    static void stop() {
        List.of(first, second, others).forEach(StubService::close);
    }

    private HttpJson rep() {
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        var response = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=rep-1")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return anonymous.as(response.json().get("access_token").asString());
    }

    @Test
    void requestsAreSpreadOverBothInstancesAndTheOneLeftAnswersAllWhenTheOtherStops() {
        HttpJson rep = rep();
        // the instances join the rotation once their first health check answered
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(rep.get("/api/opportunities/lb-1").status()).isEqualTo(200);
            assertThat(first.seenAt("/api/opportunities/lb-1")).isNotEmpty();
            assertThat(second.seenAt("/api/opportunities/lb-1")).isNotEmpty();
        });

        first.close();
        List<Integer> reads = new ArrayList<>();
        List<Integer> commands = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reads.add(rep.get("/api/opportunities/lb-2").status());
            // before the health check takes the stopped instance out: its refused connection sent nothing, so the
            // command is sent to the other instance
            commands.add(rep.post("/api/opportunities/lb-3/advance", Map.of("stage", "Business case")).status());
        }

        // right after the stop: a read or a command that met the stopped instance was retried on the other one
        assertThat(reads).containsOnly(200);
        assertThat(commands).containsOnly(200);
        assertThat(second.seenAt("/api/opportunities/lb-3/advance")).hasSize(10);
    }
}
