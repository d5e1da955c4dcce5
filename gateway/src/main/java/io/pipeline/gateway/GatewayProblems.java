package io.pipeline.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own refusals (400, 401, 403, 404, 413, 414, 429, 431, 502-504) as RFC 9457 problems, with the same {@code type} URIs the
 * services use, so a client handles one kind of error body whoever answered.
 */
public final class GatewayProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GatewayProblems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title,
                                   String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = body(status, type, title, detail, exchange.getRequest().getPath().value());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** The problem's JSON; {@code instance} is left out when there is no path to name (a request Netty could not read). */
    static byte[] body(HttpStatus status, String type, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", URI.create("urn:pipeline:problem:" + type).toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    }
}
