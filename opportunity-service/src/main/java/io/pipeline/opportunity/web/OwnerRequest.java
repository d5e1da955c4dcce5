package io.pipeline.opportunity.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * @param teamId   optional; unchanged when absent
 * @param regionId optional; unchanged when absent
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record OwnerRequest(@NotBlank @Size(max = 64) String ownerId, @Size(max = 64) String teamId,
        @Size(max = 64) String regionId,
        Instant occurredAt) implements TimedRequest {
}
