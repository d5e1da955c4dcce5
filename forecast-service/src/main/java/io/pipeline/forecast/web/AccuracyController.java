package io.pipeline.forecast.web;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.Measure;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.plan.ForecastAccuracy;
import io.pipeline.forecast.plan.ForecastCalls;
import io.pipeline.forecast.security.ScopeAccess;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.security.PipelineUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Figure 16, forecast accuracy: the last {@code periods} ended fiscal quarters before {@code asOf} (now when
 * absent), each caller of the scope (the scope itself and every level below it) scored against what was won.
 */
@RestController
@RequestMapping("/api/forecast")
public class AccuracyController {

    static final int MAX_PERIODS = 12;

    private final FigureQueries figures;
    private final ForecastCalls calls;
    private final FigureParameters parameters;
    private final ScopeAccess access;
    private final FiscalCalendar calendar;
    private final ForecastSettings settings;
    private final ObjectMapper json;

    public AccuracyController(FigureQueries figures, ForecastCalls calls, FigureParameters parameters,
                              ScopeAccess access, FiscalCalendar calendar, ForecastSettings settings,
                              ObjectMapper json) {
        this.figures = figures;
        this.calls = calls;
        this.parameters = parameters;
        this.access = access;
        this.calendar = calendar;
        this.settings = settings;
        this.json = json;
    }

    @GetMapping("/accuracy")
    public ForecastAccuracy accuracy(@RequestParam(required = false) String scope,
                                     @RequestParam(required = false) Integer periods,
                                     @RequestParam(required = false) String asOf, PipelineUser user) {
        Scope s = parameters.scope(access.permitted(scope, user));
        if (s.level() == Scope.Level.SEGMENT) {
            throw new InvalidFieldException("scope", "a segment makes no call: rep, team, region or org");
        }
        int n = periods == null ? 4 : periods;
        if (n < 1 || n > MAX_PERIODS) {
            throw new InvalidFieldException("periods", "must be 1.." + MAX_PERIODS);
        }
        Instant t = parameters.instant("asOf", asOf);
        List<Period> ended = endedQuarters(t, n);
        List<String> callers = callers(s);
        List<ForecastAccuracy.EndedPeriod> scored = new ArrayList<>();
        for (Period period : ended) {
            FigureContext ctx = figures.contextOf(period, s, t);
            List<ForecastCalls.Call> made = calls.submissions(period.id(), ctx.periodEnd(), null);
            Set<String> scopes = new LinkedHashSet<>(callers);
            if (s.level() == Scope.Level.ORG) {
                made.forEach(call -> scopes.add(call.scope()));
            }
            Map<String, BigDecimal> won = figures.overScope(period, Scope.ORG, t,
                    (deals, all) -> closedWon(deals, all, List.copyOf(scopes)));
            BigDecimal topDown = figures.weightedForecast(period, s,
                    ctx.periodStart().plus(java.time.Duration.between(ctx.periodStart(), ctx.periodEnd()).dividedBy(2)))
                    .forecast();
            scored.add(new ForecastAccuracy.EndedPeriod(period.id(), ctx.periodStart(), ctx.periodEnd(),
                    made.stream().filter(call -> scopes.contains(call.scope())).toList(), won, topDown));
            callers = s.level() == Scope.Level.ORG ? List.copyOf(scopes) : callers;
        }
        return ForecastAccuracy.of(s.toString(), callers, scored);
    }

    /** The accuracy as CSV rows (figure, period, scope, as_of, metric, value), like the other figures. */
    @GetMapping(value = "/csv/accuracy", produces = "text/csv")
    public String accuracyCsv(@RequestParam(required = false) String scope,
                              @RequestParam(required = false) Integer periods,
                              @RequestParam(required = false) String asOf, PipelineUser user) {
        return CsvFigures.write(json, "accuracy", accuracy(scope, periods, asOf, user));
    }

    /**
     * Figure 17: the scope's diagnosis for the period (seed 002): coverage against the coverage the close rate of
     * the lookback periods requires, that close rate against 33% and where in the funnel it drops, the losses'
     * reasons, slippage, and the weighted forecast against the quota.
     */
    @GetMapping("/diagnosis")
    public io.pipeline.forecast.figures.Diagnosis diagnosis(@RequestParam String period,
                                                            @RequestParam(required = false) String scope,
                                                            @RequestParam(required = false) String asOf,
                                                            PipelineUser user) {
        Period p = parameters.period(period);
        Scope s = parameters.scope(access.permitted(scope, user));
        Instant t = parameters.instant("asOf", asOf);
        FigureContext ctx = figures.contextOf(p, s, t);
        Measure won = Measure.ZERO;
        Measure competition = Measure.ZERO;
        Measure noDecision = Measure.ZERO;
        Measure other = Measure.ZERO;
        BigDecimal[] reached = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        for (Period past : io.pipeline.forecast.figures.WeightedForecast.lookbackPeriods(ctx,
                settings.weightedLookback())) {
            var rates = figures.closeRates(past, s, t);
            won = won.plus(rates.won());
            competition = competition.plus(rates.lostToCompetition());
            noDecision = noDecision.plus(rates.lostToNoDecision());
            other = other.plus(rates.lostUnknownReason());
            BigDecimal[] of = figures.overScope(past, s, t, io.pipeline.forecast.figures.Diagnosis::reached);
            for (int i = 0; i < 3; i++) {
                reached[i] = reached[i].add(of[i]);
            }
        }
        var coverage = figures.coverage(p, s, t);
        var evidence = new io.pipeline.forecast.figures.Diagnosis.Evidence(coverage.quota(), coverage.coverage(), won,
                competition, noDecision, other, reached[0], reached[1], reached[2], figures.slippage(p, s, t).slipped(),
                figures.weightedForecast(p, s, t).forecast());
        return io.pipeline.forecast.figures.Diagnosis.of(ctx.basis(), evidence);
    }

    @GetMapping(value = "/csv/diagnosis", produces = "text/csv")
    public String diagnosisCsv(@RequestParam String period, @RequestParam(required = false) String scope,
                               @RequestParam(required = false) String asOf, PipelineUser user) {
        return CsvFigures.write(json, "diagnosis", diagnosis(period, scope, asOf, user));
    }

    /** The last {@code n} fiscal quarters that ended at or before t, oldest first. */
    private List<Period> endedQuarters(Instant t, int n) {
        List<Period> ended = new ArrayList<>();
        Period current = calendar.quarterOf(java.time.LocalDate.ofInstant(t, settings.businessZone()));
        for (int i = 0; i < n; i++) {
            current = calendar.quarterOf(current.start().minusDays(1));
            ended.add(0, current);
        }
        return ended;
    }

    /** The scope and every level below it (a region's teams and their reps...), as the org API places them. */
    private List<String> callers(Scope scope) {
        List<String> callers = new ArrayList<>();
        List<String> level = List.of(scope.toString());
        while (!level.isEmpty()) {
            callers.addAll(level);
            List<String> next = new ArrayList<>();
            for (String s : level) {
                next.addAll(calls.scopesBelow(Scope.parse("scope", s)));
            }
            level = next;
        }
        return callers;
    }

    /** Closed won in the period per scope, exactly as the category totals count it (won, in scope, close date in P). */
    static Map<String, BigDecimal> closedWon(List<DealHistory> deals, FigureContext ctx, List<String> scopes) {
        Map<String, BigDecimal> won = new HashMap<>();
        List<Scope> parsed = scopes.stream().map(s -> Scope.parse("scope", s)).toList();
        for (DealHistory deal : deals) {
            DealState state = deal.stateAt(ctx.asOf());
            if (state == null || !state.won() || !ctx.period().contains(state.closeDate())) {
                continue;
            }
            BigDecimal amount = Measure.orZero(ctx.amount(deal.opportunityId(), state));
            for (Scope scope : parsed) {
                if (ctx.hierarchy().contains(scope, state)) {
                    won.merge(scope.toString(), amount, BigDecimal::add);
                }
            }
        }
        return won;
    }
}
