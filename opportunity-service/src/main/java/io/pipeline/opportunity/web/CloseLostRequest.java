package io.pipeline.opportunity.web;

import io.pipeline.opportunity.api.LossReason;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * @param competitor required with COMPETITION
 * @param closeDate  optional; the business date of the close when absent
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record CloseLostRequest(@NotNull LossReason reason, @Size(max = 200) String competitor, LocalDate closeDate,
        Instant occurredAt) implements TimedRequest {
}
