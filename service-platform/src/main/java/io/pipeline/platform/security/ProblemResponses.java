package io.pipeline.platform.security;

import io.pipeline.platform.web.Problems;
import io.pipeline.platform.web.ProblemTypes;
import io.pipeline.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problems. The detail says what to do, never echoes the token; a 401 keeps the
 * {@code WWW-Authenticate: Bearer} challenge RFC 6750 asks for.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    static AuthenticationEntryPoint unauthenticated() {
        return (request, response, exception) -> {
            boolean tokenRefused = exception instanceof InvalidBearerTokenException;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenRefused
                    ? "Bearer error=\"invalid_token\", error_description=\"The token is expired, not yet valid or not signed by a trusted issuer\""
                    : "Bearer");
            write(response, unauthenticated(exception));
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(response, forbidden(exception));
    }

    public static ProblemDetail unauthenticated(AuthenticationException exception) {
        boolean tokenRefused = exception instanceof InvalidBearerTokenException;
        ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
                "Authentication required",
                tokenRefused
                ? "The bearer token was refused: it is expired, not yet valid, malformed or not signed by a trusted"
                + " issuer. Get a new one."
                : "This needs a bearer token (Authorization: Bearer <token>).");
        return problem;
    }

    public static ProblemDetail forbidden(AccessDeniedException exception) {
        ProblemDetail problem = Problems.of(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                "Your roles do not allow this" + (exception.getMessage() == null
                        || exception.getMessage().startsWith("Access Denied") ? "." : ": " + exception.getMessage()));
        return problem;
    }

    private static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        ProblemWriter.write(response, problem);
    }
}
