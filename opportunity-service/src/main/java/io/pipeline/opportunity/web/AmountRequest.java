package io.pipeline.opportunity.web;

import io.pipeline.platform.input.IsoCurrency;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * @param currency optional; the deal keeps its currency when absent
 * @param occurredAt optional business time, for history imported from another CRM; now when absent
 */
public record AmountRequest(@NotNull @DecimalMin(value = "0.00") @Digits(integer = 15, fraction = 2) BigDecimal amount,
        @IsoCurrency String currency,
        Instant occurredAt) implements TimedRequest {
}
