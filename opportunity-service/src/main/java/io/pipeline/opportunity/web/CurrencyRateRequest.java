package io.pipeline.opportunity.web;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** @param rate reporting-currency units per unit of the currency, as a decimal string (never a float) */
public record CurrencyRateRequest(
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 14, fraction = 10) BigDecimal rate) {
}
