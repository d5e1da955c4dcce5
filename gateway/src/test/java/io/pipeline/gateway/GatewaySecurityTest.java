package io.pipeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.IdentityAttacks;
import io.pipeline.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as production runs it (no dev issuer; tokens of an outside issuer, here the tests' one) over real
 * HTTP: refusals at the door, forged identity headers, size and rate limits, retries of reads only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.gateway.limits.burst=5", "pipeline.gateway.limits.per-second=0.5",
                "pipeline.gateway.limits.max-request-size=1KB"})
class GatewaySecurityTest {

    static final StubService services = new StubService();
    static final int CLOSED_PORT = closedPort();

    @LocalServerPort
    int port;
    HttpJson anonymous;

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("LEAD_SERVICE_URL", services::url);
        registry.add("OPPORTUNITY_SERVICE_URL", services::url);
        registry.add("FORECAST_SERVICE_URL", () -> "http://127.0.0.1:" + CLOSED_PORT); // a service that is down
        registry.add("JWT_JWK_SET_URI", TestTokens::jwkSetUri);
        registry.add("JWT_ISSUER_URI", () -> TestTokens.ISSUER);
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @BeforeEach
    void client() {
        anonymous = new HttpJson("http://127.0.0.1:" + port);
    }

    /** The dashboard's files hold no data: public, while every figure it reads stays behind a token. */
    @Test
    void theDashboardAndItsChartLibraryArePublicAndTheApiStaysClosed() {
        HttpJson.Response page = anonymous.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("/js/main.js", "/webjars/echarts/dist/echarts.min.js");
        for (String asset : List.of("/js/main.js", "/js/views/board.js", "/app.css",
                "/webjars/echarts/dist/echarts.min.js")) {
            assertThat(anonymous.get(asset).status()).as(asset).isEqualTo(200);
        }
        assertThat(anonymous.get("/api/forecast/coverage?period=FY2026-Q4").status()).isEqualTo(401);
    }

    @Test
    void withoutAValidTokenNothingReachesAService() {
        String base = "http://127.0.0.1:" + port;
        List<HttpJson.Response> refused = new ArrayList<>();
        refused.addAll(IdentityAttacks.send(base, "GET", "/api/opportunities/door-1", null).values());
        refused.addAll(IdentityAttacks.send(base, "POST", "/api/opportunities", Map.of("name", "x")).values());
        refused.addAll(IdentityAttacks.send(base, "GET", "/api/forecast/category-totals?period=FY2026-Q4", null)
                .values());

        assertThat(refused).hasSize(18).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:unauthenticated");
        });
        assertThat(services.seenAt("/api/opportunities")).noneMatch(s -> s.method().equals("POST"));
        assertThat(services.seenAt("/api/opportunities/door-1")).isEmpty();
        assertThat(anonymous.get("/auth/token").status()).as("no dev issuer in production").isEqualTo(404);
    }

    @Test
    void identityHeadersAClientSendsNeverReachAService() {
        HttpJson rep = anonymous.as(TestTokens.rep("headers-rep", "team-1", "emea").token());
        var response = rep.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/leads/forged"))
                .header("X-User", "admin-1").header("X-Roles", "admin"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(services.seenAt("/api/leads/forged")).singleElement()
                .satisfies(seen -> assertThat(seen.forgedUser()).isNull());
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemBeforeAnyServiceSeesIt() {
        HttpJson rep = anonymous.as(TestTokens.rep("size-rep", "team-1", "emea").token());
        var response = rep.post("/api/leads/size-test", "{\"padding\":\"" + "x".repeat(2_000) + "\"}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:request-too-large");
        assertThat(services.seenAt("/api/leads/size-test")).isEmpty();
    }

    @Test
    void anOrgChartMayBeLargerThanOtherBodies() {
        HttpJson admin = anonymous.as(TestTokens.admin("size-admin").token());
        String body = "{\"reps\":[],\"teams\":[],\"padding\":\"" + "x".repeat(2_000) + "\"}";

        // past the door (forecast-service is down in this test: 503), where a quota of that size is refused
        assertThat(admin.put("/api/forecast/org", body).status()).isEqualTo(503);
        assertThat(admin.put("/api/forecast/quotas", body).status()).isEqualTo(413);
    }

    @Test
    void aClientOverItsRateGetsA429WithRetryAfterWhileOthersGoOn() {
        HttpJson busy = anonymous.as(TestTokens.rep("busy-rep", "team-1", "emea").token());
        HttpJson other = anonymous.as(TestTokens.rep("calm-rep", "team-1", "emea").token());
        List<Integer> statuses = new ArrayList<>();
        HttpJson.Response last = null;
        for (int i = 0; i < 7; i++) {
            last = busy.get("/api/leads/rate-" + i);
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.get(6)).isEqualTo(429);
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 3);
        assertThat(last.json().get("type").asString()).isEqualTo("urn:pipeline:problem:too-many-requests");
        assertThat(other.get("/api/leads/rate-other").status()).isEqualTo(200);
    }

    @Test
    void onlyReadsAreRetriedWhenAServiceIsUnavailable() {
        HttpJson reader = anonymous.as(TestTokens.rep("retry-reader", "team-1", "emea").token());
        HttpJson writer = anonymous.as(TestTokens.rep("retry-writer", "team-1", "emea").token());

        assertThat(reader.get("/api/leads/flaky-read").status()).isEqualTo(503);
        assertThat(writer.post("/api/leads/flaky-write", "{}").status()).isEqualTo(503);

        assertThat(services.seenAt("/api/leads/flaky-read")).hasSize(3);
        assertThat(services.seenAt("/api/leads/flaky-write")).hasSize(1);
    }

    @Test
    void aServiceWithNoHealthyInstanceIsA503ProblemNotA500() {
        HttpJson rep = anonymous.as(TestTokens.rep("down-rep", "team-1", "emea").token());

        var response = rep.get("/api/forecast/category-totals?period=FY2026-Q4");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:service-unavailable");
    }
}
