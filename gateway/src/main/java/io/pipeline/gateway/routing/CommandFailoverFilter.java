package io.pipeline.gateway.routing;

import java.net.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A command (any method but GET and HEAD, which the reads' Retry filter covers) whose instance refused the connection
 * is sent to the next instance: nothing was sent, so nothing can apply twice. That is what a request meets on an
 * instance just killed, until the load balancer's health check (every 2 s) takes it out of the rotation. Nothing
 * else is a reason to send a command again: a broken connection or a 5xx may come after its effect. Runs just
 * before the route's URL is resolved, so each attempt goes through the load balancer again (round robin: the other
 * instance). The request body is not read before a connection is made, so it is still there to send.
 */
@Component
public class CommandFailoverFilter implements GlobalFilter, Ordered {

    /** The first attempt included: with two instances one refusal is enough, a third covers a second one down. */
    static final int ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(CommandFailoverFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            return chain.filter(exchange);
        }
        return attempt(exchange, chain, 1);
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int attempt) {
        return chain.filter(exchange).onErrorResume(
                error -> attempt < ATTEMPTS && refused(error) && !exchange.getResponse().isCommitted(),
                error -> {
                    log.atInfo().addKeyValue("method", exchange.getRequest().getMethod())
                            .addKeyValue("path", exchange.getRequest().getPath().value())
                            .addKeyValue("attempt", attempt)
                            .log("upstream refused the connection; sending the command to the next instance");
                    ServerWebExchangeUtils.reset(exchange);
                    return attempt(exchange, chain, attempt + 1);
                });
    }

    public static boolean refused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;
    }
}
