package io.pipeline.lead.web;

import io.pipeline.lead.api.LeadSource;
import io.pipeline.lead.api.Segment;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * @param leadId     optional; a client that chooses it can retry the request safely
 * @param score      optional lead score, 0-100
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record CaptureLeadRequest(
        @Pattern(regexp = LeadIds.PATTERN, message = LeadIds.MESSAGE) String leadId,
        @NotBlank @Size(max = 200) String personName,
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 200) String jobTitle,
        @NotBlank @Size(max = 200) String company,
        @NotNull LeadSource source,
        @NotBlank @Size(max = 64) String ownerId,
        @NotBlank @Size(max = 64) String teamId,
        @NotBlank @Size(max = 64) String regionId,
        @NotNull Segment segment,
        @Min(0) @Max(100) Integer score,
        @PastOrPresent Instant occurredAt) {
}
