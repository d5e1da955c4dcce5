package io.pipeline.opportunity.money;

import java.math.BigDecimal;
import java.time.LocalDate;

/** From {@code effectiveFrom} on (until the next rate of the currency), 1 {@code currency} = {@code rate} reporting-currency units. */
public record CurrencyRate(String currency, LocalDate effectiveFrom, BigDecimal rate) {
}
