package io.pipeline.opportunity.web;

import io.pipeline.platform.input.FreeText;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * @param closeDate optional; the business date of the deferral when absent
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record DeferRequest(@Size(max = 500) @FreeText String reason, LocalDate closeDate,
        Instant occurredAt) implements TimedRequest {
}
