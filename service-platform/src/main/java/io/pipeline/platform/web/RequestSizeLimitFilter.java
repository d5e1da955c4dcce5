package io.pipeline.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import io.pipeline.platform.config.WebSettings;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses a body larger than the path's limit with 413 before anything reads it. */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final WebSettings settings;

    public RequestSizeLimitFilter(WebSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = settings.maxBytesFor(request.getRequestURI());
        if (request.getContentLengthLong() > maxBytes) {
            ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.REQUEST_TOO_LARGE,
                    "Request too large",
                "The request body has " + request.getContentLengthLong() + " bytes; at most " + maxBytes
                            + " are accepted. Send smaller requests (split a batch) or use the import endpoint.");
            ProblemWriter.write(response, problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
