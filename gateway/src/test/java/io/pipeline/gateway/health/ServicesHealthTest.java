package io.pipeline.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pipeline.embedded.Ports;
import io.pipeline.testsupport.HttpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's health names the service that is not UP behind it (one answers UP, one refuses its index:
 * OUT_OF_SERVICE with 503, one is not listening at all), and stays UP itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServicesHealthTest {

    static final HttpServer UP = healthServer(200, "{\"status\":\"UP\"}");
    static final HttpServer OUT_OF_SERVICE = healthServer(503, "{\"status\":\"OUT_OF_SERVICE\"}");
    static final int NOT_LISTENING = Ports.freePort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("LEAD_SERVICE_URL", () -> "http://127.0.0.1:" + UP.getAddress().getPort());
        registry.add("FORECAST_SERVICE_URL", () -> "http://127.0.0.1:" + OUT_OF_SERVICE.getAddress().getPort());
        registry.add("OPPORTUNITY_SERVICE_URL", () -> "http://127.0.0.1:" + NOT_LISTENING);
    }

    @AfterAll
    static void stop() {
        UP.stop(0);
        OUT_OF_SERVICE.stop(0);
    }

    @Test
    void theGatewaysHealthNamesEachServiceThatIsNotUpAndStaysUpItself() {
        var response = new HttpJson("http://127.0.0.1:" + port).get("/actuator/health");
        JsonNode health = response.json();

        assertThat(response.status()).isEqualTo(200);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode services = health.get("components").get("services");
        assertThat(services.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(services.get("details").get("lead-service").asString()).isEqualTo("UP");
        assertThat(services.get("details").get("forecast-service").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(services.get("details").get("opportunity-service").asString()).startsWith("DOWN (");
    }

    static HttpServer healthServer(int status, String body) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            server.createContext("/actuator/health", exchange -> {
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
