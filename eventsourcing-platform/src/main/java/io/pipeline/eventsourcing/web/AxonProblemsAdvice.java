package io.pipeline.eventsourcing.web;

import io.pipeline.platform.web.ProblemTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Axon's own refusals as problems: an unknown aggregate, a stale expected version, a concurrent change. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AxonProblemsAdvice {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No such item: " + ex.getAggregateIdentifier());
        problem.setTitle("Not found");
        problem.setType(ProblemTypes.NOT_FOUND);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "Expected version " + ex.getExpectedVersion() + " but it is at version " + ex.getActualVersion()
                        + ": read it again and retry the change if it still applies");
        problem.setTitle("Stale version");
        problem.setType(ProblemTypes.STALE_VERSION);
        problem.setProperty("expectedVersion", ex.getExpectedVersion());
        problem.setProperty("currentVersion", ex.getActualVersion());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body(problem);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Someone changed it at the same moment; read it again and retry");
        problem.setTitle("Concurrent change");
        problem.setType(ProblemTypes.STATE_CONFLICT);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
