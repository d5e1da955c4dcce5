package io.pipeline.opportunity.web;

import io.pipeline.opportunity.api.OpportunityType;
import io.pipeline.opportunity.api.Segment;
import io.pipeline.platform.input.IsoCurrency;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * @param opportunityId optional; a client that chooses it can retry the request safely
 * @param stage         optional; the process's first stage when absent
 * @param occurredAt    optional business time, for history imported from another CRM; now when absent
 * @param processId     optional; the latest version of the segment's default process (smb for SMB, enterprise
 *                      otherwise) when absent
 * @param accountName   optional; names the account when this deal is the first on it (the id otherwise)
 */
public record OpenOpportunityRequest(
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be 1-64 letters, digits or . _ : -") String opportunityId,
        @NotBlank @Size(max = 64) String accountId,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String ownerId,
        @NotBlank @Size(max = 64) String teamId,
        @NotBlank @Size(max = 64) String regionId,
        @NotNull Segment segment,
        @NotNull OpportunityType type,
        @NotNull @DecimalMin(value = "0.00") @Digits(integer = 15, fraction = 2) BigDecimal amount,
        @NotNull @IsoCurrency String currency,
        @NotNull LocalDate closeDate,
        @Size(max = 64) String stage,
        @Size(max = 64) String leadId,
        Instant occurredAt,
        @Size(max = 64) String processId,
        @Size(max = 200) String accountName) implements TimedRequest {
}
