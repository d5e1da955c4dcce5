package io.pipeline.gateway.security;

import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The dev issuer over HTTP: {@code POST /auth/token} with {@code username=<demo user>} (form or query) answers a
 * bearer token; {@code GET /auth/jwks} is the JWK set the services validate against; {@code GET /auth/users}
 * lists the demo users. Registered only when the dev issuer is enabled.
 */
@RestController
@RequestMapping("/auth")
@ConditionalOnProperty(name = "pipeline.security.dev-issuer.enabled", havingValue = "true")
public class DevTokenIssuerEndpoints {

    private final DevTokenIssuer issuer;

    public DevTokenIssuerEndpoints(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping(value = "/token", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Object>> token(ServerWebExchange exchange) {
        return exchange.getFormData().map(form -> {
            String user = form.getFirst("username");
            return user != null ? user : String.valueOf(exchange.getRequest().getQueryParams().getFirst("username"));
        }).map(user -> issuer.tokenFor(user)
                .<ResponseEntity<Object>>map(token -> ResponseEntity.ok().header("Cache-Control", "no-store")
                        .body(token))
                .orElseGet(DevTokenIssuerEndpoints::unknownUser));
    }

    private static ResponseEntity<Object> unknownUser() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "username must be one of the demo users (GET /auth/users)");
        problem.setTitle("Unknown demo user");
        problem.setType(URI.create("urn:pipeline:problem:invalid-request"));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @GetMapping(value = "/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> jwks() {
        return issuer.jwkSet().toJSONObject();
    }

    @GetMapping(value = "/users", produces = MediaType.APPLICATION_JSON_VALUE)
    public Object users() {
        return issuer.settings().users();
    }
}
