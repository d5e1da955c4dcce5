package io.pipeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Routes over real HTTP to a real (if tiny) HTTP server standing in for each service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    static final List<String> seen = new CopyOnWriteArrayList<>();
    static final HttpServer backend = start();

    @LocalServerPort
    int port;

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String line = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " correlation="
                        + exchange.getRequestHeaders().getFirst("X-Correlation-Id");
                seen.add(line);
                byte[] body = ("{\"served\":\"" + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + backend.getAddress().getPort();
        registry.add("LEAD_SERVICE_URL", () -> url);
        registry.add("OPPORTUNITY_SERVICE_URL", () -> url);
        registry.add("FORECAST_SERVICE_URL", () -> url);
    }

    @AfterAll
    static void stop() {
        backend.stop(0);
    }

    private HttpResponse<String> get(String path, String correlationId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachApiPathReachesItsServiceWithACorrelationId() throws Exception {
        var forecast = get("/api/forecast/category-totals?period=FY2026-Q4", "from-client-1");
        var opportunities = get("/api/opportunities/abc", null);

        assertThat(forecast.statusCode()).isEqualTo(200);
        assertThat(forecast.headers().firstValue("X-Correlation-Id")).hasValue("from-client-1");
        assertThat(opportunities.headers().firstValue("X-Correlation-Id")).isPresent();
        assertThat(seen).contains("GET /api/forecast/category-totals?period=FY2026-Q4 correlation=from-client-1");
        assertThat(seen).anyMatch(s -> s.startsWith("GET /api/opportunities/abc correlation="));
    }

    @Test
    void eachServicesOpenApiDocumentIsReachableThroughTheGateway() throws Exception {
        assertThat(get("/api-docs/leads", null).body()).isEqualTo("{\"served\":\"/v3/api-docs\"}");
    }

    @Test
    void anUnknownPathIsA404AndTheGatewayReportsItselfUp() throws Exception {
        assertThat(get("/nothing/here", null).statusCode()).isEqualTo(404);
        assertThat(get("/actuator/health", null).body()).contains("\"status\":\"UP\"");
    }
}
