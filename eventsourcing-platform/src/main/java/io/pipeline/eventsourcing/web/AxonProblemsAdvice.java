package io.pipeline.eventsourcing.web;

import io.pipeline.platform.web.Problems;
import io.pipeline.platform.web.ProblemTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Axon's own refusals as problems: an unknown aggregate, a concurrent change. A stale expected version is the
 * aggregates' own check ({@code command.ExpectedVersion}), answered 412 by the platform's problem advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AxonProblemsAdvice {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
                "No such item: " + ex.getAggregateIdentifier());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException ex) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ProblemTypes.STATE_CONFLICT, "Concurrent change",
                "Someone changed it at the same moment; read it again and retry");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
