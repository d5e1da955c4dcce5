package io.pipeline.opportunity.web;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * @param stage     optional; the stage it was closed from when absent
 * @param closeDate optional; unchanged when absent
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record ReopenRequest(@Size(max = 64) String stage, LocalDate closeDate,
        Instant occurredAt) implements TimedRequest {
}
