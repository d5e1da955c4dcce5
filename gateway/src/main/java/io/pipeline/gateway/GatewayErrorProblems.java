package io.pipeline.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway raises itself (no route: 404; a request it cannot read: 400; a bug: 500) answered as an
 * RFC 9457 problem, before Boot's own handler would answer its {@code timestamp/path/error} JSON or an empty body.
 */
@Component
@Order(-2)
public class GatewayErrorProblems implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorProblems.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            code = code == null ? HttpStatus.BAD_REQUEST : code;
            String type = code == HttpStatus.NOT_FOUND ? "not-found"
                    : code.is4xxClientError() ? "malformed-request"
                    : code == HttpStatus.BAD_GATEWAY || code == HttpStatus.SERVICE_UNAVAILABLE
                            || code == HttpStatus.GATEWAY_TIMEOUT ? "service-unavailable" : "internal-error";
            return GatewayProblems.write(exchange, code, type, code.getReasonPhrase(),
                    status.getReason() != null ? status.getReason() : code.getReasonPhrase() + " at "
                            + exchange.getRequest().getPath().value());
        }
        log.error("Unexpected gateway error on {}", exchange.getRequest().getPath().value(), error);
        return GatewayProblems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "Something went wrong in the gateway. Nothing you sent was wrong.");
    }
}
