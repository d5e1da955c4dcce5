package io.pipeline.forecast.web;

import io.pipeline.forecast.security.ScopeAccess;
import io.pipeline.platform.input.FreeText;
import io.pipeline.platform.input.IsoCurrency;
import io.pipeline.platform.security.PipelineUser;
import io.pipeline.forecast.figures.ConversionRates;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.plan.ForecastCalls;
import io.pipeline.forecast.plan.PlanStore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the figures are measured against: the organisation, quotas, currency rates, and the reps' calls. Every
 * role reads the org and the rates; only admins change the org, quotas and rates ({@code pipeline.security.*} in
 * application.yml); quotas and calls are read within the caller's scope ({@link ScopeAccess}).
 */
@RestController
@RequestMapping("/api/forecast")
public class PlanController {

    private final PlanStore plan;
    private final ForecastCalls calls;
    private final FigureQueries figures;
    private final FigureParameters parameters;
    private final Clock clock = Clock.systemUTC();

    private final ScopeAccess access;

    public PlanController(PlanStore plan, ForecastCalls calls, FigureQueries figures, FigureParameters parameters,
                          ScopeAccess access) {
        this.access = access;
        this.plan = plan;
        this.calls = calls;
        this.figures = figures;
        this.parameters = parameters;
    }

    public record TeamOfRep(@NotBlank @Size(max = 64) String teamId) {
    }

    public record RegionOfTeam(@NotBlank @Size(max = 64) String regionId) {
    }

    public record QuotaRequest(@NotBlank @Size(max = 64) String period, @NotBlank @Size(max = 200) String scope,
                               @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal amount) {
    }

    public record QuotaAnswer(String period, String scope, BigDecimal amount) {
    }

    public record RateRequest(@NotNull @IsoCurrency String currency, @NotNull LocalDate effectiveFrom,
                              @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 9, fraction = 6)
                              BigDecimal rate) {
    }

    /** @param submittedAt when the call was made (business time); now when absent */
    public record CallRequest(@NotBlank @Size(max = 64) String repId, @NotBlank @Size(max = 64) String period,
                              @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal commit,
                              @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal bestCase,
                              Instant submittedAt, @Size(max = 2000) @FreeText String note) {
    }

    @PutMapping("/org/reps/{repId}")
    public Hierarchy placeRep(@PathVariable String repId, @Valid @RequestBody TeamOfRep body) {
        plan.placeRep(repId, body.teamId());
        return plan.hierarchy();
    }

    @PutMapping("/org/teams/{teamId}")
    public Hierarchy placeTeam(@PathVariable String teamId, @Valid @RequestBody RegionOfTeam body) {
        plan.placeTeam(teamId, body.regionId());
        return plan.hierarchy();
    }

    @GetMapping("/org")
    public Hierarchy hierarchy() {
        return plan.hierarchy();
    }

    @PutMapping("/quotas")
    public QuotaAnswer setQuota(@Valid @RequestBody QuotaRequest body) {
        Period period = parameters.period(body.period());
        Scope scope = parameters.scope(body.scope());
        plan.setQuota(period, scope, body.amount());
        return new QuotaAnswer(period.id(), scope.toString(), plan.quota(period, scope));
    }

    @GetMapping("/quotas")
    public QuotaAnswer quota(@RequestParam String period, @RequestParam(required = false) String scope,
                             PipelineUser user) {
        Period p = parameters.period(period);
        Scope s = parameters.scope(access.permitted(scope, user));
        return new QuotaAnswer(p.id(), s.toString(), plan.quota(p, s));
    }

    /** A rate to the reporting currency, effective from a date until the currency's next rate. */
    @PutMapping("/currency-rates")
    public ConversionRates setRate(@Valid @RequestBody RateRequest body) {
        plan.setRate(body.currency(), body.effectiveFrom(), body.rate());
        return plan.rates();
    }

    @GetMapping("/currency-rates")
    public ConversionRates rates() {
        return plan.rates();
    }

    @PostMapping("/calls")
    @ResponseStatus(HttpStatus.CREATED)
    public ForecastCalls.Call submitCall(@Valid @RequestBody CallRequest body, PipelineUser user) {
        access.requireMaySubmitCallFor(body.repId(), user);
        ForecastCalls.Call call = new ForecastCalls.Call(body.repId(), parameters.period(body.period()).id(),
                body.commit(), body.bestCase(), body.submittedAt() == null ? clock.instant() : body.submittedAt(),
                body.note());
        calls.submit(call);
        return call;
    }

    /** Each rep's call as of the instant, their sum for the scope, every call so far, and the system's figures. */
    @GetMapping("/calls")
    public ForecastCalls.RollUp calls(@RequestParam String period, @RequestParam(required = false) String scope,
                                      @RequestParam(required = false) String asOf, PipelineUser user) {
        Period p = parameters.period(period);
        Scope s = parameters.scope(access.permitted(scope, user));
        Instant t = parameters.instant("asOf", asOf);
        return calls.rollUp(p, s, t, figures.categoryTotals(p, s, t));
    }
}
