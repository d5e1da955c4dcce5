package io.pipeline.opportunity.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A stage of the deal's process to move to.
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record StageRequest(@NotBlank @Size(max = 64) String stage,
        Instant occurredAt) implements TimedRequest {
}
