package io.pipeline.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real (if tiny) HTTP server standing in for the three services: it records each request it gets (method, URI,
 * the headers the tests care about) and answers 200 with the path it served, or 503 under {@code /flaky}.
 */
final class StubService implements AutoCloseable {

    /** One request as the service saw it. */
    record Seen(String method, String uri, String correlationId, String authorization, String forgedUser,
                String traceparent) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    StubService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            var headers = exchange.getRequestHeaders();
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    headers.getFirst("X-Correlation-Id"), headers.getFirst("Authorization"),
                    headers.getFirst("X-User") != null ? headers.getFirst("X-User") : headers.getFirst("X-Roles"),
                    headers.getFirst("traceparent")));
            exchange.getRequestBody().readAllBytes();
            boolean flaky = exchange.getRequestURI().getPath().contains("/flaky");
            byte[] body = ("{\"served\":\"" + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(flaky ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seenAt(String pathPrefix) {
        return seen.stream().filter(s -> s.uri().startsWith(pathPrefix)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
