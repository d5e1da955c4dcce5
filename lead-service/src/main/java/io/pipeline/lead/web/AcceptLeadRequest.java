package io.pipeline.lead.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * @param aeId     the AE who accepts the lead and owns it from now on
 * @param teamId   the AE's team; the lead's current team when absent
 * @param regionId the AE's region; the lead's current region when absent
 */
public record AcceptLeadRequest(@NotBlank @Size(max = 64) String aeId,
                                @Size(min = 1, max = 64) String teamId,
                                @Size(min = 1, max = 64) String regionId,
                                @PastOrPresent Instant occurredAt) {
}
