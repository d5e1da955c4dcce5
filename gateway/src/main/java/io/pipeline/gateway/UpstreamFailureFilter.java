package io.pipeline.gateway;

import io.pipeline.gateway.routing.CommandFailoverFilter;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A service that is down or too slow is not the client's fault nor a bug of ours: answer 502 (nothing listens, or it
 * died while the request was with it) or 504 (no answer within the route's response timeout) as a problem, after the
 * read retries, if any, have failed too, instead of a bare 500. A 503 the service answers itself passes through
 * untouched. An instance killed mid-request closes the connection before answering (Reactor Netty's
 * {@code PrematureCloseException}, or a reset: both {@link IOException}s): the command may or may not have applied,
 * so the 502 says to read back before repeating, unlike a refused connection (nothing was sent).
 */
@Component
public class UpstreamFailureFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFailureFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(this::upstreamFailure, error -> {
            Object route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            log.warn("Upstream of {} failed: {}", route, error.toString());
            String path = exchange.getRequest().getPath().value();
            if (slow(error)) {
                return GatewayProblems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "service-unavailable",
                        "Service too slow", "The service behind " + path + " did not answer in time. A read may be"
                                + " sent again shortly; before repeating a command, read back whether it applied.");
            }
            if (refused(error)) {
                return GatewayProblems.write(exchange, HttpStatus.BAD_GATEWAY, "service-unavailable",
                        "Service unavailable", "The service behind " + path + " could not be reached; nothing was"
                                + " applied. Try again shortly.");
            }
            return GatewayProblems.write(exchange, HttpStatus.BAD_GATEWAY, "service-unavailable",
                    "Service failed mid-request", "The service behind " + path + " closed the connection before"
                            + " answering: a read may be sent again shortly; before repeating a command, read back"
                            + " whether it applied.");
        });
    }

    private boolean upstreamFailure(Throwable error) {
        return slow(error) || refused(error) || died(error);
    }

    private static boolean refused(Throwable error) {
        return CommandFailoverFilter.refused(error);
    }

    /** The connection broke after the request was sent: an I/O failure anywhere in the cause chain. */
    private static boolean died(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The routing filter turns its response timeout into a 504 status exception; a retry gives up with the cause. */
    private static boolean slow(Throwable error) {
        return error instanceof TimeoutException
                || error instanceof ResponseStatusException status && status.getStatusCode().value() == 504;
    }

    /** Outermost, so it also sees what the retries gave up on. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
