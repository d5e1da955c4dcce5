package io.pipeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as the local stack runs it (dev issuer on), over real HTTP to a stub standing in for each service:
 * routes, correlation ids, tokens of the dev issuer, documents and Swagger UI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.security.dev-issuer.enabled=true", "JWT_ISSUER_URI=http://gateway.test/auth"})
class GatewayRoutingTest {

    static final StubService services = new StubService();

    @LocalServerPort
    int port;
    HttpJson anonymous;
    HttpJson rep;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("LEAD_SERVICE_URL", services::url);
        registry.add("OPPORTUNITY_SERVICE_URL", services::url);
        registry.add("FORECAST_SERVICE_URL", services::url);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @BeforeEach
    void clients() {
        anonymous = new HttpJson("http://127.0.0.1:" + port);
        rep = anonymous.as(token("rep-1"));
    }

    private String token(String user) {
        var response = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    /** The local stack signs in with the dev issuer: the page is told there is no session login. */
    @Test
    void withTheDevIssuerTheDashboardIsToldThereIsNoSessionLogin() {
        HttpJson.Response session = anonymous.get("/session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body()).isEqualTo("{\"sessionLogin\":false}");
        assertThat(anonymous.get("/oauth2/authorization/pipeline").status()).isEqualTo(404);
    }

    @Test
    void theCallersTraceContinuesToTheServiceAsAChildSpanOfTheGateways() {
        String trace = "5cf92f3577b34da6a3ce929d0e0e4736";
        var answered = rep.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/forecast/traced?period=FY2026-Q4")).header("traceparent", "00-" + trace + "-a1b2c3d4e5f60718-01"));

        assertThat(answered.status()).isEqualTo(200);
        assertThat(services.seenAt("/api/forecast/traced")).anySatisfy(seen ->
                assertThat(seen.traceparent()).matches("00-" + trace + "-[0-9a-f]{16}-01")
                        .doesNotContain("a1b2c3d4e5f60718"));
    }

    @Test
    void eachApiPathReachesItsServiceWithTheTokenAndACorrelationId() {
        var forecast = rep.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/forecast/category-totals?period=FY2026-Q4")).header("X-Correlation-Id", "from-client-1"));
        var opportunities = rep.get("/api/opportunities/abc");
        var processes = rep.get("/api/sales-processes");
        var periods = rep.get("/api/periods/FY2026-Q3");

        assertThat(forecast.status()).isEqualTo(200);
        assertThat(forecast.header("X-Correlation-Id")).isEqualTo("from-client-1");
        assertThat(opportunities.header("X-Correlation-Id")).isNotBlank();
        assertThat(processes.status()).isEqualTo(200);
        assertThat(services.seenAt("/api/forecast/category-totals")).anySatisfy(seen -> {
            assertThat(seen.correlationId()).isEqualTo("from-client-1");
            assertThat(seen.authorization()).startsWith("Bearer ey");
        });
        assertThat(services.seenAt("/api/opportunities/abc")).isNotEmpty();
        // the fiscal quarters are opportunity-service's
        assertThat(periods.status()).isEqualTo(200);
        assertThat(services.seenAt("/api/periods/FY2026-Q3")).isNotEmpty();
    }

    @Test
    void theDevIssuerMintsTokensTheServicesValidateAgainstItsJwkSet() {
        String token = token("manager-1");
        // what each service does with JWT_JWK_SET_URI and JWT_ISSUER_URI pointing at the gateway
        NimbusJwtDecoder serviceSide = NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:" + port + "/auth/jwks").build();
        serviceSide.setJwtValidator(JwtValidators.createDefaultWithIssuer("http://gateway.test/auth"));

        Jwt jwt = serviceSide.decode(token);

        assertThat(jwt.getSubject()).isEqualTo("manager-1");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("manager");
        assertThat(jwt.getClaimAsString("team")).isEqualTo("team-1");
        assertThat(anonymous.get("/auth/users").body()).contains("rep-1", "manager-1", "revops-1", "bi-1", "admin-1", "leader-emea",
                "leader-amer", "cro-1");
    }

    @Test
    void anUnknownDemoUserGetsNoToken() {
        var refused = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=mallory")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theApiDocumentsAndSwaggerUiNeedNoToken() {
        assertThat(anonymous.get("/api-docs/leads").body()).isEqualTo("{\"served\":\"/v3/api-docs\"}");
        var config = anonymous.get("/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("/api-docs/leads", "/api-docs/opportunities", "/api-docs/forecast");
        assertThat(anonymous.get("/swagger-ui.html").status()).isIn(200, 302);
    }

    /**
     * The dashboard's page preloads every module of its scripts (so they load at once, not one import level at a
     * time), and its files are revalidated: a load with what the browser holds gets a 304 without the body.
     */
    @Test
    void theDashboardPreloadsEveryModuleAndItsFilesAreRevalidatedNotFetchedAgain() throws Exception {
        String page = anonymous.get("/").body();
        Path scripts = Path.of(getClass().getResource("/static/js/main.js").toURI()).getParent();
        try (Stream<Path> modules = Files.walk(scripts)) {
            modules.filter(path -> path.toString().endsWith(".js")).map(path -> "/js/" + scripts.relativize(path)
                    .toString().replace('\\', '/')).filter(module -> !module.equals("/js/main.js"))
                    .forEach(module -> assertThat(page).as(module)
                            .contains("<link rel=\"modulepreload\" href=\"" + module + "\">"));
        }
        var script = anonymous.get("/js/views/board.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
        var again = anonymous.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/js/views/board.js"))
                .header("If-Modified-Since", script.header("Last-Modified")).GET());
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void anUnknownPathIsA404AndTheGatewayReportsItselfUp() {
        assertThat(anonymous.get("/nothing/here").status()).isEqualTo(404);
        assertThat(anonymous.get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(rep.get("/actuator/gateway/routes").status()).as("route admin is for admins").isEqualTo(403);
    }

    @Test
    void theGatewaysOwnErrorsAreProblems() {
        var unknown = anonymous.get("/nothing/here");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("type").asString()).isEqualTo("urn:pipeline:problem:not-found");
        assertThat(unknown.json().get("instance").asString()).isEqualTo("/nothing/here");
    }
}
