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
import io.pipeline.forecast.plan.PlanChanges;
import io.pipeline.forecast.plan.PlanStore;
import io.pipeline.contract.PlanEvent;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.function.Function;
import java.util.List;
import java.util.Set;
import io.pipeline.forecast.figures.CalledDeals;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.platform.problem.InvalidFieldException;
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
    private final PlanChanges changes;
    private final ForecastCalls calls;
    private final FigureQueries figures;
    private final FigureParameters parameters;
    /** The application's clock: a call without {@code submittedAt} is made now by it. */
    private final Clock clock;

    private final ScopeAccess access;

    public PlanController(PlanStore plan, PlanChanges changes, ForecastCalls calls, FigureQueries figures,
                          FigureParameters parameters, ScopeAccess access, Clock clock) {
        this.changes = changes;
        this.access = access;
        this.clock = clock;
        this.plan = plan;
        this.calls = calls;
        this.figures = figures;
        this.parameters = parameters;
    }

    public record TeamOfRep(@NotBlank @Size(max = 64) String teamId) {
    }

    public record RegionOfTeam(@NotBlank @Size(max = 64) String regionId) {
    }

    public record RepPlacement(@NotBlank @Size(max = 64) String repId, @NotBlank @Size(max = 64) String teamId) {
    }

    public record TeamPlacement(@NotBlank @Size(max = 64) String teamId, @NotBlank @Size(max = 64) String regionId) {
    }

    /** Many placements at once: an org chart; a rep or team named twice is refused (which one would hold?). */
    public record OrgChart(@NotNull @Size(max = ORG_CHART_LIMIT) List<@NotNull @Valid RepPlacement> reps,
                           @NotNull @Size(max = ORG_CHART_LIMIT) List<@NotNull @Valid TeamPlacement> teams) {
    }

    /** What an org chart placed: counts, not the whole org (which an org of 100k reps would make a 4 MB answer). */
    public record OrgChartPlaced(int reps, int teams) {
    }

    /** Reps (and teams) one org chart may place: a large enterprise's sales org is tens of thousands of reps. */
    static final int ORG_CHART_LIMIT = 200_000;

    public record QuotaRequest(@NotBlank @Size(max = 64) String period, @NotBlank @Size(max = 200) String scope,
                               @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal amount) {
    }

    public record QuotaAnswer(String period, String scope, BigDecimal amount) {
    }

    public record RateRequest(@NotNull @IsoCurrency String currency, @NotNull LocalDate effectiveFrom,
                              @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 9, fraction = 6)
                              BigDecimal rate) {
    }

    /**
     * @param repId         the rep a rep's call is about (the older form of {@code scope=rep:<id>})
     * @param scope         whose call: {@code rep:<id>}, {@code team:<id>}, {@code region:<id>} or {@code org}
     * @param submittedAt   when the call was made (business time); now when absent
     * @param commitDeals   the deals counted in the Commit number: open deals of the scope with a close date in
     *                      the period when the call is made
     * @param bestCaseDeals the deals counted in the Best Case number beside the Commit ones
     */
    public record CallRequest(@Size(min = 1, max = 64) String repId, @Size(min = 1, max = 200) String scope,
                              @NotBlank @Size(max = 64) String period,
                              @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal commit,
                              @NotNull @DecimalMin("0") @Digits(integer = 15, fraction = 2) BigDecimal bestCase,
                              Instant submittedAt, @Size(max = 2000) @FreeText String note,
                              @Size(max = 500) List<@NotBlank @Size(max = 64) String> commitDeals,
                              @Size(max = 500) List<@NotBlank @Size(max = 64) String> bestCaseDeals) {
    }

    @PutMapping("/org/reps/{repId}")
    public Hierarchy placeRep(@PathVariable String repId, @Valid @RequestBody TeamOfRep body, PipelineUser user) {
        requireId("repId", repId);
        changes.record(new PlanEvent.OrganisationPlaced(List.of(new PlanEvent.Placement(repId, body.teamId())),
                List.of(), clock.instant(), user.id()));
        return plan.hierarchy();
    }

    @PutMapping("/org/teams/{teamId}")
    public Hierarchy placeTeam(@PathVariable String teamId, @Valid @RequestBody RegionOfTeam body,
                               PipelineUser user) {
        requireId("teamId", teamId);
        changes.record(new PlanEvent.OrganisationPlaced(List.of(), List.of(new PlanEvent.Placement(teamId,
                body.regionId())), clock.instant(), user.id()));
        return plan.hierarchy();
    }

    @PutMapping("/org")
    public OrgChartPlaced placeAll(@Valid @RequestBody OrgChart body, PipelineUser user) {
        Map<String, String> teamOfRep = unique(body.reps(), RepPlacement::repId, RepPlacement::teamId, "reps", "repId");
        Map<String, String> regionOfTeam = unique(body.teams(), TeamPlacement::teamId, TeamPlacement::regionId,
                "teams", "teamId");
        changes.record(orgChartEvents(teamOfRep, regionOfTeam, clock.instant(), user.id()));
        return new OrgChartPlaced(teamOfRep.size(), regionOfTeam.size());
    }

    /**
     * An id in the path is held to the bodies' 64 characters: the input policy lets a path part be 256 long, and a
     * change the plan's tables cannot store would be parked after the request was answered, instead of refused in it.
     */
    private static void requireId(String parameter, String id) {
        if (id.length() > ID_LIMIT) {
            throw new InvalidFieldException(parameter, "must be at most " + ID_LIMIT + " characters");
        }
    }

    private static final int ID_LIMIT = 64;

    /** An org chart as events of at most {@link PlanChanges#PLACEMENTS_PER_EVENT} placements: teams first. */
    private static List<PlanEvent.OrganisationPlaced> orgChartEvents(Map<String, String> teamOfRep,
                                                                      Map<String, String> regionOfTeam, Instant at,
                                                                      String actor) {
        List<PlanEvent.OrganisationPlaced> events = new java.util.ArrayList<>();
        for (List<PlanEvent.Placement> teams : chunks(regionOfTeam)) {
            events.add(new PlanEvent.OrganisationPlaced(List.of(), teams, at, actor));
        }
        for (List<PlanEvent.Placement> reps : chunks(teamOfRep)) {
            events.add(new PlanEvent.OrganisationPlaced(reps, List.of(), at, actor));
        }
        return events;
    }

    private static List<List<PlanEvent.Placement>> chunks(Map<String, String> placements) {
        List<PlanEvent.Placement> all = placements.entrySet().stream()
                .map(e -> new PlanEvent.Placement(e.getKey(), e.getValue())).toList();
        List<List<PlanEvent.Placement>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += PlanChanges.PLACEMENTS_PER_EVENT) {
            chunks.add(all.subList(from, Math.min(all.size(), from + PlanChanges.PLACEMENTS_PER_EVENT)));
        }
        return chunks;
    }

    private static <P> Map<String, String> unique(List<P> placements, Function<P, String> key, Function<P, String> value,
                                                  String list, String keyField) {
        Map<String, String> placed = new LinkedHashMap<>();
        for (int i = 0; i < placements.size(); i++) {
            P placement = placements.get(i);
            if (placed.putIfAbsent(key.apply(placement), value.apply(placement)) != null) {
                throw new InvalidFieldException(list + "[" + i + "]." + keyField,
                        "'" + key.apply(placement) + "' is placed twice; name each once");
            }
        }
        return placed;
    }

    @GetMapping("/org")
    public Hierarchy hierarchy() {
        return plan.hierarchy();
    }

    @PutMapping("/quotas")
    public QuotaAnswer setQuota(@Valid @RequestBody QuotaRequest body, PipelineUser user) {
        Period period = parameters.period(body.period());
        Scope scope = parameters.scope(body.scope());
        changes.record(new PlanEvent.QuotaSet(period.id(), scope.toString(), body.amount(), clock.instant(),
                user.id()));
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
    public ConversionRates setRate(@Valid @RequestBody RateRequest body, PipelineUser user) {
        changes.record(new PlanEvent.CurrencyRateSet(body.currency(), body.effectiveFrom(), body.rate(),
                clock.instant(), user.id()));
        return plan.rates();
    }

    @GetMapping("/currency-rates")
    public ConversionRates rates() {
        return plan.rates();
    }

    @PostMapping("/calls")
    @ResponseStatus(HttpStatus.CREATED)
    public ForecastCalls.Call submitCall(@Valid @RequestBody CallRequest body, PipelineUser user) {
        Scope scope = callScope(body);
        Period period = parameters.period(body.period());
        access.requireMayCall(scope, user);
        Instant at = body.submittedAt() == null ? clock.instant() : body.submittedAt();
        List<String> commitDeals = distinct("commitDeals", body.commitDeals(), List.of());
        List<String> bestCaseDeals = distinct("bestCaseDeals", body.bestCaseDeals(), commitDeals);
        if (!commitDeals.isEmpty() || !bestCaseDeals.isEmpty()) {
            Set<String> callable = figures.overScope(period, scope, at, PlanController::callableDeals);
            requireCallable("commitDeals", commitDeals, callable, scope, period);
            requireCallable("bestCaseDeals", bestCaseDeals, callable, scope, period);
        }
        ForecastCalls.Call call = new ForecastCalls.Call(scope.level() == Scope.Level.REP ? scope.id() : null,
                period.id(), body.commit(), body.bestCase(), at, body.note(), scope.toString(), user.id(),
                commitDeals, bestCaseDeals);
        changes.record(new PlanEvent.ForecastCallSubmitted(call.scope(), call.repId(), call.period(), call.commit(),
                call.bestCase(), call.note(), call.commitDeals(), call.bestCaseDeals(), call.submittedAt(),
                call.callerId()));
        return call;
    }

    /**
     * The scope's own call as of the instant beside the calls of the level below and their sum (the adjustment),
     * each rep's call and their sum (bottom-up), every call so far, the called deals as they stand, and the
     * system's figures.
     */
    @GetMapping("/calls")
    public ForecastCalls.RollUp calls(@RequestParam String period, @RequestParam(required = false) String scope,
                                      @RequestParam(required = false) String asOf, PipelineUser user) {
        Period p = parameters.period(period);
        Scope s = parameters.scope(access.permitted(scope, user));
        Instant t = parameters.instant("asOf", asOf);
        CategoryTotals totals = figures.categoryTotals(p, s, t);
        return calls.rollUp(p, s, t, totals, own -> figures.overScope(p, s, t, (deals, ctx) -> CalledDeals.of(deals,
                ctx, own.submittedAt(), own.commit(), own.bestCase(), own.commitDeals(), own.bestCaseDeals(),
                totals.total(CategoryTotals.CLOSED_WON).amount())));
    }

    /** The deals a call may name: open in the scope with a close date in the period, when it is made. */
    static Set<String> callableDeals(List<DealHistory> deals, FigureContext ctx) {
        Set<String> ids = new java.util.HashSet<>();
        for (DealHistory deal : deals) {
            DealState state = deal.stateAt(ctx.asOf());
            if (ctx.inScope(state) && state.open() && ctx.period().contains(state.closeDate())) {
                ids.add(deal.opportunityId());
            }
        }
        return ids;
    }

    private Scope callScope(CallRequest body) {
        if (body.scope() == null) {
            if (body.repId() == null) {
                throw new InvalidFieldException("scope", "name whose call it is: rep:<id>, team:<id>, region:<id> or"
                        + " org");
            }
            return new Scope(Scope.Level.REP, body.repId());
        }
        Scope scope = Scope.parse("scope", body.scope());
        if (scope.level() == Scope.Level.SEGMENT) {
            throw new InvalidFieldException("scope", "a segment makes no call: rep, team, region or org");
        }
        if (body.repId() != null && !scope.equals(new Scope(Scope.Level.REP, body.repId()))) {
            throw new InvalidFieldException("repId", "names another scope than scope=" + scope);
        }
        if (scope.id() != null) {
            requireId("scope", scope.id());
        }
        return scope;
    }

    private static List<String> distinct(String field, List<String> ids, List<String> elsewhere) {
        if (ids == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i)) || elsewhere.contains(ids.get(i))) {
                throw new InvalidFieldException(field + "[" + i + "]", "deal " + ids.get(i) + " is called twice");
            }
        }
        return List.copyOf(seen);
    }

    private static void requireCallable(String field, List<String> ids, Set<String> callable, Scope scope,
                                        Period period) {
        for (int i = 0; i < ids.size(); i++) {
            if (!callable.contains(ids.get(i))) {
                throw new InvalidFieldException(field + "[" + i + "]", "no open deal " + ids.get(i) + " of " + scope
                        + " closes in " + period.id() + " when the call is made");
            }
        }
    }
}
