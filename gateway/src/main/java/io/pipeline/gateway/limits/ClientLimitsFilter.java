package io.pipeline.gateway.limits;

import io.pipeline.gateway.GatewayProblems;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Per-client limits on everything routed to a service: a body larger than the limit is refused with 413, a client
 * over its rate with 429 and {@code Retry-After}. A client is the token's subject, else the remote address (the
 * public API documents).
 */
@Component
@EnableConfigurationProperties(LimitSettings.class)
public class ClientLimitsFilter implements GlobalFilter, Ordered {

    private final LimitSettings settings;
    private final TokenBuckets buckets;

    public ClientLimitsFilter(LimitSettings settings) {
        this.settings = settings;
        this.buckets = new TokenBuckets(settings.burst(), settings.perSecond(), settings.maxTrackedClients());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        long maxBytes = settings.maxBytesFor(exchange.getRequest().getPath().value());
        if (length > maxBytes) {
            return GatewayProblems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
                    "Request too large", "The request body has " + length + " bytes; at most " + maxBytes
                            + " are accepted.");
        }
        return exchange.getPrincipal().map(principal -> "user:" + principal.getName())
                .defaultIfEmpty(remoteAddress(exchange))
                .flatMap(client -> {
                    Duration wait = buckets.take(client, System.nanoTime());
                    if (wait.isZero()) {
                        return chain.filter(exchange);
                    }
                    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                    return GatewayProblems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                            "Too many requests", "You sent more than " + settings.burst() + " requests at once or more"
                                    + " than " + settings.perSecond() + " a second; try again in " + seconds + " s.");
                });
    }

    private static String remoteAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : "address:" + remote.getAddress().getHostAddress();
    }

    /** After the correlation id and header stripping, before routing. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
