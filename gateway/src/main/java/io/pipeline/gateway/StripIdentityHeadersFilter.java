package io.pipeline.gateway;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Drops every header a client could use to claim an identity, so nothing behind the gateway can be fooled by one
 * (the services read identity only from the validated token, and this makes sure no future code is tempted).
 */
@Component
public class StripIdentityHeadersFilter implements GlobalFilter, Ordered {

    static final List<String> IDENTITY_HEADERS = List.of("X-User", "X-User-Id", "X-User-Name", "X-Roles", "X-Role",
            "X-Team", "X-Region", "X-Forwarded-User", "X-Remote-User", "X-Auth-User", "X-Authenticated-User",
            "Remote-User");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> IDENTITY_HEADERS.forEach(headers::remove)))
                .build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
