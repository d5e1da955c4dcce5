package io.pipeline.gateway;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A service that is down or too slow is not the client's fault nor a bug of ours: answer 503 or 504 as a problem
 * (after the read retries, if any, have failed too) instead of a bare 500.
 */
@Component
public class UpstreamFailureFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFailureFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(this::unavailable, error -> {
            Object route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            log.warn("Upstream of {} failed: {}", route, error.toString());
            boolean slow = error instanceof TimeoutException;
            return GatewayProblems.write(exchange, slow ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE,
                    "service-unavailable", slow ? "Service too slow" : "Service unavailable",
                    "The service behind " + exchange.getRequest().getPath().value() + " did not answer"
                            + (slow ? " in time" : "") + ". Try again shortly.");
        });
    }

    private boolean unavailable(Throwable error) {
        return error instanceof ConnectException || error instanceof TimeoutException
                || error.getCause() instanceof ConnectException;
    }

    /** Outermost, so it also sees what the retries gave up on. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
