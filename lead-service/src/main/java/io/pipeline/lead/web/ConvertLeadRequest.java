package io.pipeline.lead.web;

import io.pipeline.platform.input.IsoCurrency;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The opportunity to open: opportunity-service opens it on the account from the LeadConverted event. */
public record ConvertLeadRequest(
        @NotBlank @Size(max = 64) String accountId,
        @NotBlank @Size(max = 200) String accountName,
        @NotBlank @Size(max = 200) String opportunityName,
        @NotNull @DecimalMin(value = "0.00") @Digits(integer = 15, fraction = 2) BigDecimal amount,
        @NotNull @IsoCurrency String currency,
        @NotNull LocalDate closeDate,
        @PastOrPresent Instant occurredAt) {
}
