package io.pipeline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over a real socket: what Netty refuses before any route (bad request line or header, a URI or headers too long) and
 * what an upstream fails to do (nobody listening, no answer in time) is answered as an RFC 9457 problem, never as an
 * empty body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the proxy's own failures are under test: with health checks a dead instance is never chosen (503, tested in
        // GatewaySecurityTest), so every listed instance is tried here
        properties = {"spring.cloud.gateway.server.webflux.httpclient.response-timeout=700ms",
                "pipeline.gateway.upstreams.health-checked=false"})
class GatewayProblemsTest {

    static final SilentService silent = new SilentService();
    static final DyingService dying = new DyingService();
    static final int CLOSED_PORT = closedPort();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry registry) {
        registry.add("LEAD_SERVICE_URL", () -> "http://127.0.0.1:" + silent.port());
        registry.add("OPPORTUNITY_SERVICE_URL", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("FORECAST_SERVICE_URL", () -> "http://127.0.0.1:" + dying.port());
        registry.add("JWT_JWK_SET_URI", TestTokens::jwkSetUri);
        registry.add("JWT_ISSUER_URI", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stop() {
        silent.close();
        dying.close();
    }

    @Test
    void aMalformedRequestLineIsA400Problem() {
        Raw answer = raw("GET /api/leads HTTP/1.1 trailing-junk\r\nHost: x\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.body()).contains("invalid version format", "Fix the request");
    }

    @Test
    void aPathWithAnEncodedNulIsA400ProblemNotAnEmptyAnswer() {
        Raw answer = raw("GET /api/periods/FY2026-Q3%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.body()).contains("encoded NUL");
    }

    @Test
    void aHeaderWithoutAColonIsA400Problem() {
        Raw answer = raw("GET /api/leads HTTP/1.1\r\nHost: x\r\nthis is no header\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.body()).contains("No colon found");
    }

    @Test
    void aTwentyThousandCharacterUriIsA414Problem() {
        Raw answer = raw("GET /api/leads?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertProblem(answer, 414, "uri-too-long");
        assertThat(answer.body()).contains("POST").doesNotContain("aaaa");
    }

    @Test
    void aFortyThousandCharacterHeaderIsA431Problem() {
        Raw answer = raw("GET /api/leads HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n");

        assertProblem(answer, 431, "headers-too-large");
        assertThat(answer.body()).contains("Drop large").doesNotContain("bbbb");
    }

    @Test
    void aWellFormedRequestOnTheSameDoorStillPasses() {
        Raw answer = raw("GET /actuator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void aServiceNobodyListensOnIsA502Problem() {
        var response = new HttpJson("http://127.0.0.1:" + port)
                .as(TestTokens.rep("down-rep", "team-1", "emea").token()).get("/api/opportunities/abc");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:service-unavailable");
        assertThat(response.json().get("detail").asString()).contains("/api/opportunities/abc", "Try again");
    }

    @Test
    void aServiceThatNeverAnswersIsA504ProblemAfterTheTimeout() {
        long started = System.nanoTime();
        var response = new HttpJson("http://127.0.0.1:" + port)
                .as(TestTokens.rep("slow-rep", "team-1", "emea").token()).post("/api/leads", "{}");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Service too slow");
        assertThat(response.json().get("detail").asString()).contains("did not answer in time", "read back");
        assertThat(millis).as("one attempt: a command is not retried").isBetween(700L, 5_000L);
        assertThat(silent.accepted()).isNotEmpty();
    }

    @Test
    void aCommandWhoseServiceDiesMidRequestIsA502ProblemSayingToReadBackNotA500() {
        int before = dying.requests.get();
        var response = new HttpJson("http://127.0.0.1:" + port)
                .as(TestTokens.rep("dying-rep", "team-1", "emea").token()).put("/api/forecast/quotas", "{}");

        assertThat(response.status()).as(response.body()).isEqualTo(502);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:pipeline:problem:service-unavailable");
        assertThat(response.json().get("title").asString()).isEqualTo("Service failed mid-request");
        assertThat(response.json().get("detail").asString())
                .contains("/api/forecast/quotas", "closed the connection", "read back whether it applied");
        assertThat(dying.requests.get() - before).as("a command that reached the service is not sent again")
                .isEqualTo(1);
    }

    @Test
    void aReadWhoseServiceDiesMidRequestIsRetriedThenA502Problem() {
        int before = dying.requests.get();
        var response = new HttpJson("http://127.0.0.1:" + port)
                .as(TestTokens.rep("dying-rep", "team-1", "emea").token()).get("/api/forecast/category-totals");

        assertThat(response.status()).as(response.body()).isEqualTo(502);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Service failed mid-request");
        assertThat(dying.requests.get() - before).as("the first attempt and the Retry filter's 2").isEqualTo(3);
    }

    private void assertProblem(Raw answer, int status, String type) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.head()).containsIgnoringCase("content-type: application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:pipeline:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).contains("request").hasSizeLessThan(400);
    }

    /** An answer as read off the socket: its status line and headers, and its body. */
    record Raw(String head, String body) {
        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }
    }

    private Raw raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            assertThat(split).as("an HTTP answer: " + all).isPositive();
            return new Raw(all.substring(0, split), all.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads each request's head, then closes the connection without answering: an instance killed while the request
     * was with it.
     */
    static final class DyingService implements AutoCloseable {
        private final ServerSocket server;
        final AtomicInteger requests = new AtomicInteger();

        DyingService() {
            try {
                server = new ServerSocket(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        var in = socket.getInputStream();
                        int matched = 0;
                        // up to the blank line that ends the head
                        for (int b; matched < 4 && (b = in.read()) != -1; ) {
                            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                        }
                        requests.incrementAndGet();
                    } catch (IOException closed) {
                        if (server.isClosed()) {
                            return;
                        }
                    }
                }
            }, "dying-service");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing a test's socket
            }
        }
    }

    /** Accepts connections and reads them, but never answers: a service stuck in a long pause. */
    static final class SilentService implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        SilentService() {
            try {
                server = new ServerSocket(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        accepted.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-service");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<Socket> accepted() {
            return accepted;
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : accepted) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing a test's sockets
            }
        }
    }
}
