package io.pipeline.opportunity.web;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;

/**
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record CloseDateRequest(@NotNull LocalDate closeDate,
        Instant occurredAt) implements TimedRequest {
}
