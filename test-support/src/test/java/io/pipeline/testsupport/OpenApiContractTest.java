package io.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract check has teeth: an unlisted status or a body off its schema fails; a kept promise passes. */
class OpenApiContractTest {

    static final String DOCUMENT = """
            {"openapi":"3.1.0","paths":{"/report":{"get":{"responses":{
              "200":{"description":"csv","content":{"text/csv":{"schema":{"type":"string"}}}}}}},
              "/things/{id}":{"get":{"responses":{
              "200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
              "404":{"description":"none","content":{"application/problem+json":{"schema":{"type":"object","required":["type"]}}}}}}}},
             "components":{"schemas":{"Thing":{"type":"object","required":["amount"],
               "properties":{"amount":{"type":"string","pattern":"^[0-9]+\\\\.[0-9]{2}$"}}}}}}
            """;

    HttpServer server;
    OpenApiContract contract;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/api-docs", exchange -> {
            byte[] body = DOCUMENT.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        contract = OpenApiContract.of("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static HttpJson.Response answer(int status, String contentType, String body) {
        return new HttpJson.Response(status, body, java.util.Map.of("content-type", java.util.List.of(contentType)));
    }

    @Test
    void aBodyMatchingItsSchemaPasses() {
        contract.assertConforms("GET", "/things/{id}", answer(200, "application/json", "{\"amount\":\"12.50\"}"));
        contract.assertConforms("GET", "/things/{id}", answer(404, "application/problem+json", "{\"type\":\"x\"}"));
    }

    @Test
    void aStatusTheOperationDoesNotListFails() {
        assertThatThrownBy(() -> contract.assertConforms("GET", "/things/{id}",
                answer(409, "application/problem+json", "{\"type\":\"x\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("status listed");
    }

    @Test
    void aBodyOffItsSchemaFailsNamingTheField() {
        assertThatThrownBy(() -> contract.assertConforms("GET", "/things/{id}",
                answer(200, "application/json", "{\"amount\":12.5}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/amount");
        assertThatThrownBy(() -> contract.assertConforms("GET", "/things/{id}",
                answer(200, "application/json", "{\"amount\":\"12.5\"}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("pattern");
    }

    @Test
    void anOperationWithoutAValidatedSuccessFailsTheCoverageCheck() {
        contract.assertConforms("GET", "/things/{id}", answer(404, "application/problem+json", "{\"type\":\"x\"}"));
        assertThatThrownBy(contract::assertEveryOperationValidated)
                .isInstanceOf(AssertionError.class).hasMessageContaining("GET /things/{id}");

        contract.assertConforms("GET", "/things/{id}", answer(200, "application/json", "{\"amount\":\"12.50\"}"));
        contract.assertConforms("GET", "/report", answer(200, "text/csv", "a\n"));
        contract.assertEveryOperationValidated();
        assertThat(contract.operations()).containsExactly("GET /report", "GET /things/{id}");
    }

    @Test
    void aCsvAnswerIsCheckedForItsStatusAndMediaType() {
        contract.assertConforms("GET", "/report", answer(200, "text/csv;charset=UTF-8", "a,b\n1,2\n"));
        assertThatThrownBy(() -> contract.assertConforms("GET", "/report",
                answer(200, "application/json", "{}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("media type");
    }

    @Test
    void anOperationMissingFromTheDocumentFails() {
        assertThat(contract.document().path("paths").has("/things/{id}")).isTrue();
        assertThatThrownBy(() -> contract.operation("POST", "/things/{id}")).isInstanceOf(AssertionError.class);
    }
}
