package io.pipeline.platform.web;

import io.pipeline.platform.input.InputPolicyViolation;
import io.pipeline.platform.problem.IllegalTransitionException;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.problem.NotFoundException;
import io.pipeline.platform.problem.StaleVersionException;
import io.pipeline.platform.security.ProblemResponses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * Every error a client can cause becomes an RFC 9457 problem that names what was wrong (the field, the current
 * state, the version) and never carries a stack trace. Anything else is a bug: logged in full, answered with a
 * 500 problem that carries only the correlation id to quote.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** One offending field: its path in the request ({@code deal.amount}, {@code stages[2].name}) and why. */
    public record FieldProblem(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(e -> problems.add(fieldProblem(e)));
        ex.getBindingResult().getGlobalErrors().forEach(e -> problems.add(new FieldProblem(e.getObjectName(),
                e.getDefaultMessage())));
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String name = error instanceof FieldError fe ? fe.getField() : result.getMethodParameter().getParameterName();
            problems.add(new FieldProblem(name, error.getDefaultMessage()));
        }));
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        Throwable cause = ex.getMostSpecificCause();
        DatabindException bind = fieldFailure(ex);
        if (bind != null) {
            // before the most specific cause: a bad date (2026-02-30) is a DateTimeException inside a field's failure
            problem = invalid(List.of(new FieldProblem(path(bind), readableReason(bind))));
        } else if (cause instanceof StreamReadException read && duplicateKey(read) != null) {
            problem = invalid(List.of(new FieldProblem(duplicateKey(read), "appears more than once in the object")));
        } else if (cause instanceof InputCoercionException coercion && currentName(coercion) != null) {
            // a number out of range of its field (9223372036854775806 for an int) is well-formed JSON
            problem = invalid(List.of(new FieldProblem(currentName(coercion), "is out of range: "
                    + coercion.getOriginalMessage())));
        } else if (cause instanceof StreamReadException read) {
            problem.setTitle("Malformed JSON");
            problem.setType(ProblemTypes.MALFORMED_REQUEST);
            problem.setDetail("The body is not valid JSON" + (read.getLocation() == null ? "" : " (line "
                    + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr() + ")")
                    + ": " + read.getOriginalMessage());
        } else if (cause instanceof JacksonException jackson) {
            problem.setTitle("Malformed JSON");
            problem.setType(ProblemTypes.MALFORMED_REQUEST);
            problem.setDetail(jackson.getOriginalMessage());
        } else {
            problem.setTitle("Unreadable request body");
            problem.setType(ProblemTypes.MALFORMED_REQUEST);
            problem.setDetail("The request needs a JSON body (Content-Type: application/json)");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(ex.getParameterName(),
                "is required (" + ex.getParameterType() + ")"))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(ex.getName(),
                "'" + ex.getValue() + "' is not a valid " + expected))));
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ProblemDetail> invalidField(InvalidFieldException ex) {
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(ex.field(), ex.reason()))));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                ex.getMessage());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ProblemDetail> illegalTransition(IllegalTransitionException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ProblemTypes.STATE_CONFLICT,
                "Not allowed in the current state",
                ex.getMessage());
        problem.setProperty("currentState", ex.currentState());
        problem.setProperty("allowedTransitions", ex.allowed());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(StaleVersionException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, ProblemTypes.STALE_VERSION, "Stale version",
                ex.getMessage());
        problem.setProperty("expectedVersion", ex.expected());
        problem.setProperty("currentVersion", ex.actual());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(problem);
    }

    /** A controller's own check (whose item, which scope) refused the caller: 403, as the filter chain would. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ProblemResponses.forbidden(ex));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ProblemResponses.unauthenticated(ex));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        String correlationId = CorrelationIdFilter.current();
        log.error("Unexpected error serving request {}", correlationId, ex);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR,
                "Internal error",
                "Something went wrong on our side. Nothing you sent was wrong; if it happens again, report correlation id "
                        + correlationId + ".");
        problem.setProperty("correlationId", correlationId);
        return ResponseEntity.internalServerError().body(problem);
    }

    /** A 400 problem listing every offending field, the detail naming them all. */
    public static ProblemDetail invalid(List<FieldProblem> problems) {
        List<FieldProblem> sorted = problems.stream().sorted(Comparator.comparing(FieldProblem::field)).toList();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                sorted.stream()
                .map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", sorted.stream().map(p -> Map.of("field", p.field(), "message", p.message()))
                .toList());
        return problem;
    }

    private static FieldProblem fieldProblem(FieldError error) {
        String message = error.isBindingFailure() ? "'" + error.getRejectedValue() + "' has the wrong type"
                : error.getDefaultMessage();
        return new FieldProblem(error.getField(), message);
    }

    /** The first failure in the chain that knows which field of the body it concerns, or null. */
    private static DatabindException fieldFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException bind && !bind.getPath().isEmpty()) {
                return bind;
            }
        }
        return null;
    }

    /** The field whose value the parser was reading when it failed, or null. */
    private static String currentName(StreamReadException read) {
        JsonParser parser = read.processor();
        return parser == null || parser.streamReadContext() == null ? null : parser.streamReadContext().currentName();
    }

    /** The key a strict duplicate detection refused, or null when the failure is another one. */
    private static String duplicateKey(StreamReadException read) {
        String message = read.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate Object property")) {
            return null;
        }
        int open = message.indexOf('"');
        int close = message.indexOf('"', open + 1);
        return open < 0 || close < 0 ? "body" : message.substring(open + 1, close);
    }

    private static String path(DatabindException bind) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : bind.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String readableReason(DatabindException bind) {
        String original = bind.getOriginalMessage();
        if (bind instanceof InputPolicyViolation) {
            return original;
        }
        if (original != null && original.contains("coercion")) {
            return "has the wrong type: a string is expected, in quotes";
        }
        if (original != null && original.startsWith("Unrecognized property")) {
            return "is not a known field";
        }
        if (original != null && original.contains("not one of the values accepted")) {
            int start = original.indexOf('[');
            return "has a value that is not accepted; accepted: " + (start < 0 ? "see the API document"
                    : original.substring(start));
        }
        if (original != null && original.contains("Cannot deserialize value of type")) {
            return "has the wrong type or format: " + original.replaceAll("\\s+at \\[Source.*", "");
        }
        return original == null ? "could not be read" : original;
    }
}
