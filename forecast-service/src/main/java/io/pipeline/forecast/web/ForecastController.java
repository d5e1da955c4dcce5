package io.pipeline.forecast.web;

import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.CloseRates;
import io.pipeline.forecast.figures.Coverage;
import io.pipeline.forecast.figures.CoverageBelow;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.LeadFunnel;
import io.pipeline.forecast.figures.PipelineCreated;
import io.pipeline.forecast.figures.Slippage;
import io.pipeline.forecast.figures.StageVelocity;
import io.pipeline.forecast.figures.Waterfall;
import io.pipeline.forecast.figures.WeightedForecast;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.problem.NotFoundException;
import io.pipeline.forecast.security.ScopeAccess;
import io.pipeline.platform.security.PipelineUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * Every figure of DOMAIN.md for a fiscal period ({@code FY2026-Q3}, {@code FY2026-M07}), a scope ({@code org},
 * {@code region:emea}, {@code team:t1}, {@code rep:r1}, {@code segment:SMB}) and an instant ({@code asOf}, an
 * instant or a date; now when absent). Each is also served as CSV at {@code /api/forecast/csv/{figure}}. Without a
 * scope, the caller's own: the org (RevOps, BI, admin), their team (manager), themselves (rep); a scope outside the
 * caller's view is refused with 403 ({@link ScopeAccess}).
 */
@RestController
@RequestMapping("/api/forecast")
public class ForecastController {

    /** One figure computed from the shared parameters. */
    @FunctionalInterface
    interface Figure {
        Object compute(FigureQueries queries, FigureParameters parameters, String period, String scope, String asOf,
                       String from);
    }

    private static final Map<String, Figure> FIGURES = Map.of(
            "category-totals", (q, p, period, scope, asOf, from) -> q.categoryTotals(p.period(period),
                    p.scope(scope), p.instant("asOf", asOf)),
            "coverage", (q, p, period, scope, asOf, from) -> q.coverage(p.period(period), p.scope(scope),
                    p.instant("asOf", asOf)),
            "close-rates", (q, p, period, scope, asOf, from) -> q.closeRates(p.period(period), p.scope(scope),
                    p.instant("asOf", asOf)),
            "slippage", (q, p, period, scope, asOf, from) -> q.slippage(p.period(period), p.scope(scope),
                    p.instant("asOf", asOf)),
            "velocity", (q, p, period, scope, asOf, from) -> q.velocity(p.period(period), p.scope(scope),
                    p.instant("asOf", asOf)),
            "pipeline-created", (q, p, period, scope, asOf, from) -> q.pipelineCreated(p.period(period),
                    p.scope(scope), p.instant("asOf", asOf)),
            "waterfall", ForecastController::waterfall,
            "weighted-forecast", (q, p, period, scope, asOf, from) -> q.weightedForecast(p.period(period),
                    p.scope(scope), p.instant("asOf", asOf)),
            "lead-funnel", (q, p, period, scope, asOf, from) -> q.leadFunnel(p.period(period), p.scope(scope),
                    p.instant("asOf", asOf)));

    private final FigureQueries queries;
    private final FigureParameters parameters;
    private final ObjectMapper json;
    private final ScopeAccess access;

    public ForecastController(FigureQueries queries, FigureParameters parameters, ObjectMapper json,
                              ScopeAccess access) {
        this.access = access;
        this.queries = queries;
        this.parameters = parameters;
        this.json = json;
    }

    /** Figure 1: open deals per forecast category and closed won, close date in the period. */
    @GetMapping("/category-totals")
    public CategoryTotals categoryTotals(@RequestParam String period, @RequestParam(required = false) String scope,
                                         @RequestParam(required = false) String asOf, PipelineUser user) {
        return (CategoryTotals) figure("category-totals", period, access.permitted(scope, user), asOf, null);
    }

    /** Figures 2 and 3: coverage of the quota, and of what remains of it, without and with Pipeline. */
    @GetMapping("/coverage")
    public Coverage coverage(@RequestParam String period, @RequestParam(required = false) String scope,
                             @RequestParam(required = false) String asOf, PipelineUser user) {
        return (Coverage) figure("coverage", period, access.permitted(scope, user), asOf, null);
    }

    /**
     * The coverage of each scope one level below the asked one (the board's drill-down), a page of children at a
     * time, in one answer: the org's regions (its teams when no region is placed), a region's teams, a team's reps.
     */
    @GetMapping("/coverage/below")
    public CoverageBelow coverageBelow(@RequestParam String period, @RequestParam(required = false) String scope,
                                       @RequestParam(required = false) String asOf,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "12") @Min(1) @Max(100) int size,
                                       PipelineUser user) {
        return queries.coverageBelow(parameters.period(period), parameters.scope(access.permitted(scope, user)),
                parameters.instant("asOf", asOf), page, size);
    }

    /**
     * Figures 4, 5, 7 and 8: close rate, win rate, slippage-adjusted close rate, required coverage; with
     * {@code teams=false} without the rates by team (winRateByTeam and closeRateByTeam empty).
     */
    @GetMapping("/close-rates")
    public CloseRates closeRates(@RequestParam String period, @RequestParam(required = false) String scope,
                                 @RequestParam(required = false) String asOf,
                                 @RequestParam(defaultValue = "true") boolean teams, PipelineUser user) {
        return queries.closeRates(parameters.period(period), parameters.scope(access.permitted(scope, user)),
                parameters.instant("asOf", asOf), teams);
    }

    /** Figures 6 and 9: deals slipped out of the period, per rep, share of Commit, pushes. */
    @GetMapping("/slippage")
    public Slippage slippage(@RequestParam String period, @RequestParam(required = false) String scope,
                             @RequestParam(required = false) String asOf, PipelineUser user) {
        return (Slippage) figure("slippage", period, access.permitted(scope, user), asOf, null);
    }

    /** Figure 10: time in stage, stage conversion, time between categories. */
    @GetMapping("/velocity")
    public StageVelocity velocity(@RequestParam String period, @RequestParam(required = false) String scope,
                                  @RequestParam(required = false) String asOf, PipelineUser user) {
        return (StageVelocity) figure("velocity", period, access.permitted(scope, user), asOf, null);
    }

    /** Figure 11: qualified pipeline created in the period. */
    @GetMapping("/pipeline-created")
    public PipelineCreated pipelineCreated(@RequestParam String period,
                                           @RequestParam(required = false) String scope,
                                           @RequestParam(required = false) String asOf, PipelineUser user) {
        return (PipelineCreated) figure("pipeline-created", period, access.permitted(scope, user), asOf, null);
    }

    /** Figure 12: the period's open pipeline from one instant ({@code from}) to another ({@code asOf}). */
    @GetMapping("/waterfall")
    public Waterfall waterfall(@RequestParam String period, @RequestParam(required = false) String scope,
                               @RequestParam String from, @RequestParam(required = false) String asOf, PipelineUser user) {
        return (Waterfall) figure("waterfall", period, access.permitted(scope, user), asOf, from);
    }

    /** Figure 13: open amount per category weighted by its historical win share. */
    @GetMapping("/weighted-forecast")
    public WeightedForecast weightedForecast(@RequestParam String period,
                                             @RequestParam(required = false) String scope,
                                             @RequestParam(required = false) String asOf, PipelineUser user) {
        return (WeightedForecast) figure("weighted-forecast", period, access.permitted(scope, user), asOf, null);
    }

    /** Figure 15: leads first seen in the period through MQL, SQL, SAL, opportunity and won. */
    @GetMapping("/lead-funnel")
    public LeadFunnel leadFunnel(@RequestParam String period, @RequestParam(required = false) String scope,
                                 @RequestParam(required = false) String asOf, PipelineUser user) {
        return (LeadFunnel) figure("lead-funnel", period, access.permitted(scope, user), asOf, null);
    }

    /** Any of the figures above as CSV rows (figure, period, scope, as_of, metric, value) for BI tools. */
    @GetMapping(value = "/csv/{figure}", produces = "text/csv")
    public String csv(@PathVariable String figure, @RequestParam String period,
                      @RequestParam(required = false) String scope, @RequestParam(required = false) String asOf,
                      @RequestParam(required = false) String from, PipelineUser user) {
        return CsvFigures.write(json, figure, figure(figure, period, access.permitted(scope, user), asOf, from));
    }

    private Object figure(String name, String period, String scope, String asOf, String from) {
        Figure figure = FIGURES.get(name);
        if (figure == null) {
            throw new NotFoundException("figure", name);
        }
        return figure.compute(queries, parameters, period, scope, asOf, from);
    }

    private static Object waterfall(FigureQueries queries, FigureParameters parameters, String period, String scope,
                                    String asOf, String from) {
        if (from == null) {
            throw new InvalidFieldException("from", "the waterfall needs the instant it starts from");
        }
        Instant start = parameters.instant("from", from);
        Instant end = parameters.instant("asOf", asOf);
        if (!start.isBefore(end)) {
            throw new InvalidFieldException("from", "must be before asOf (" + end + ")");
        }
        return queries.waterfall(parameters.period(period), parameters.scope(scope), start, end);
    }
}
