package io.pipeline.opportunity.web;

import io.pipeline.opportunity.config.OpportunitySettings;
import io.pipeline.opportunity.money.CurrencyRate;
import io.pipeline.opportunity.money.CurrencyRates;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.problem.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Effective-dated conversion rates into the reporting currency; forecast-service reads them from here. */
@RestController
@RequestMapping("/api/currency-rates")
public class CurrencyRateController {

    private static final String ISO_CODE = "[A-Z]{3}";
    private static final String ISO_MESSAGE = "must be an ISO 4217 code such as EUR";

    private final CurrencyRates rates;
    private final OpportunitySettings settings;
    private final Clock clock;

    public CurrencyRateController(CurrencyRates rates, OpportunitySettings settings, Clock clock) {
        this.rates = rates;
        this.settings = settings;
        this.clock = clock;
    }

    public record RateTable(String reportingCurrency, List<CurrencyRate> rates) {
    }

    @GetMapping
    public RateTable all(@RequestParam(required = false) @Pattern(regexp = ISO_CODE, message = ISO_MESSAGE)
                         String currency) {
        return new RateTable(settings.reportingCurrency(), rates.all(currency));
    }

    /** The rate in effect on a date (today when absent). */
    @GetMapping("/{currency}")
    public CurrencyRate effective(@PathVariable @Pattern(regexp = ISO_CODE, message = ISO_MESSAGE) String currency,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                  LocalDate on) {
        LocalDate date = on == null ? LocalDate.now(clock.withZone(settings.businessZone())) : on;
        if (currency.equals(settings.reportingCurrency())) {
            return CurrencyRates.identity(currency, date);
        }
        return rates.on(currency, date).orElseThrow(() -> new NotFoundException("rate for " + currency + " on", date.toString()));
    }

    /** Sets the rate from a date on; the same PUT again changes nothing. */
    @PutMapping("/{currency}/{effectiveFrom}")
    public CurrencyRate put(@PathVariable @Pattern(regexp = ISO_CODE, message = ISO_MESSAGE) String currency,
                            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
                            @Valid @RequestBody CurrencyRateRequest request) {
        if (currency.equals(settings.reportingCurrency())) {
            throw new InvalidFieldException("currency", currency + " is the reporting currency; its rate is always 1");
        }
        rates.put(new CurrencyRate(currency, effectiveFrom, request.rate()));
        return rates.exactly(currency, effectiveFrom).orElseThrow();
    }
}
