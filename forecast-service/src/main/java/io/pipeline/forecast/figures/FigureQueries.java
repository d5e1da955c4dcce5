package io.pipeline.forecast.figures;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.index.SettledPeriod;
import io.pipeline.forecast.inspection.DealNames;
import io.pipeline.forecast.inspection.InspectionQuery;
import io.pipeline.forecast.inspection.PipelineInspection;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.plan.PlanStore;
import io.pipeline.forecast.readmodel.ServingReadModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;

/**
 * Every figure for a period, scope and instant: the histories and the plan read, then the pure figure applied.
 * Deal histories come from the serving version's in-memory index (only the deals that can matter to the period),
 * or from its tables while the index is loading; lead histories likewise, from the index's leads.
 */
@Component
public class FigureQueries {

    private final HistoryStore histories;
    private final ServingReadModel serving;
    private final PlanStore plan;
    private final FiscalCalendar calendar;
    private final ForecastSettings settings;

    public FigureQueries(HistoryStore histories, ServingReadModel serving, PlanStore plan, FiscalCalendar calendar,
                         ForecastSettings settings) {
        this.histories = histories;
        this.serving = serving;
        this.plan = plan;
        this.calendar = calendar;
        this.settings = settings;
    }

    public CategoryTotals categoryTotals(Period period, Scope scope, Instant asOf) {
        return categoryTotals(context(period, scope, asOf));
    }

    private CategoryTotals categoryTotals(FigureContext ctx) {
        return settledOrOverDeals(ctx, SettledPeriod::categoryTotals, CategoryTotals::of);
    }

    public Coverage coverage(Period period, Scope scope, Instant asOf) {
        return Coverage.of(categoryTotals(period, scope, asOf), plan.quota(period, scope));
    }

    /**
     * The coverage of a page of the scope's children in one pass over the scope's deals (or its placements' running
     * sums "now"), and their quotas in one read: what the board's drill-down shows.
     */
    public CoverageBelow coverageBelow(Period period, Scope scope, Instant asOf, int page, int size) {
        FigureContext ctx = context(period, scope, asOf);
        List<Scope> all = ctx.hierarchy().childrenOf(scope);
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int shown = Math.min(page, pages - 1);
        List<Scope> children = all.subList(Math.min(all.size(), shown * size), Math.min(all.size(), (shown + 1) * size));
        Map<Scope, CategoryTotals> totals = children.isEmpty() ? Map.of() : serving.index()
                .flatMap(index -> index.settled(ctx)).flatMap(running -> running.categoryTotalsBelow(ctx, children))
                .orElseGet(() -> overScopedDeals(ctx, (deals, c) -> CategoryTotals.below(deals, c, children)));
        Map<Scope, BigDecimal> quotas = children.isEmpty() ? Map.of() : plan.quotas(period, children);
        return new CoverageBelow(period.id(), scope.toString(), asOf, shown, pages, size, all.size(),
                children.stream().map(child -> new CoverageBelow.Child(child.toString(),
                        Coverage.of(totals.get(child), quotas.get(child)))).toList());
    }

    public CloseRates closeRates(Period period, Scope scope, Instant asOf) {
        return closeRates(period, scope, asOf, true);
    }

    /** @param teams false for the rates without the lists by team (a trend's other periods) */
    public CloseRates closeRates(Period period, Scope scope, Instant asOf, boolean teams) {
        CloseRates rates = keptOrOverDeals(context(period, scope, asOf),
                (running, ctx) -> running.closeRates(ctx, teams), CloseRates::of);
        return teams ? rates : rates.withoutTeams();
    }

    public Slippage slippage(Period period, Scope scope, Instant asOf) {
        return settledOrOverDeals(period, scope, asOf, SettledPeriod::slippage, Slippage::of);
    }

    public StageVelocity velocity(Period period, Scope scope, Instant asOf) {
        return settledOrOverDeals(period, scope, asOf, SettledPeriod::velocity, StageVelocity::of);
    }

    public PipelineCreated pipelineCreated(Period period, Scope scope, Instant asOf) {
        return keptOrOverDeals(context(period, scope, asOf), SettledPeriod::pipelineCreated, PipelineCreated::of);
    }

    public Waterfall waterfall(Period period, Scope scope, Instant from, Instant to) {
        return overScopedDeals(context(period, scope, to), (deals, ctx) -> Waterfall.of(deals, ctx, from));
    }

    /**
     * Pipeline inspection: the period's deals as of {@code asOf}, with what changed since {@code changedSince};
     * read straight from the index's columns (no histories built), or from the tables' histories while it loads.
     */
    public PipelineInspection inspection(Period period, Scope scope, Instant asOf, InspectionQuery query,
                                         DealNames names) {
        FigureContext ctx = context(period, scope, asOf);
        return serving.index().map(index -> PipelineInspection.of(index, ctx, query, names))
                .orElseGet(() -> overDeals(ctx, (deals, c) -> PipelineInspection.of(deals, c, query, names)));
    }

    public WeightedForecast weightedForecast(Period period, Scope scope, Instant asOf) {
        // it looks back at earlier periods: the deals of the stretch from the oldest of them to the asked one's end
        FigureContext ctx = context(period, scope, asOf);
        // P's own totals as the category totals answer them (the period's running figures "now"), in the same context:
        // an amount without a rate is noted in the one basis the response shows
        CategoryTotals now = categoryTotals(ctx);
        Optional<DealIndex> index = serving.index();
        if (index.isPresent()) {
            return weightedForecast(index.get(), now, ctx, settings.weightedLookback());
        }
        List<DealHistory> deals = histories.deals(serving.unindexedModel(), scope, asOf);
        return WeightedForecast.of(deals, now, ctx, settings.weightedLookback());
    }

    /**
     * The weighted forecast over the index. From P's start on, what it learns from the periods before P is the
     * same for every t, so it is learnt once per question (period, scope, organisation, rates and their date) and
     * kept by the index until an event before P's start arrives; before P's start, t decides it and it is learnt
     * anew.
     */
    static WeightedForecast weightedForecast(DealIndex index, CategoryTotals now, FigureContext ctx, int lookback) {
        LocalDate from = WeightedForecast.lookbackPeriods(ctx, lookback).stream().findFirst().map(Period::start)
                .orElse(ctx.period().start());
        if (ctx.asOf().isBefore(ctx.periodStart())) {
            return WeightedForecast.of(index.concerningSinceInScope(from, ctx), now, ctx, lookback);
        }
        LookbackQuestion question = new LookbackQuestion(ctx.period(), ctx.scope(), lookback, ctx.zone(),
                new Same(ctx.calendar()), new Same(ctx.hierarchy()), new Same(ctx.money().rates()), ctx.money().date());
        WeightedForecast.Lookback learnt = index.keptBefore(ctx.periodStart(), question, () -> {
            // a converter of its own: the deals the lookback could not convert are kept with it
            FigureContext own = ctx.forScope(ctx.scope());
            return WeightedForecast.learn(index.concerningSinceInScope(from, own), own, lookback);
        });
        ctx.money().unconverted().addAll(learnt.unconverted());
        return WeightedForecast.of(learnt, now, ctx, lookback);
    }

    private record LookbackQuestion(Period period, Scope scope, int lookback, java.time.ZoneId zone, Same calendar,
                                    Same hierarchy, Same rates, LocalDate ratesDate) {
    }

    /** The very object (the plan's organisation and rates are one object per revision): compared by identity. */
    private record Same(Object value) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Same same && same.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** Any figure over the deals that can matter to the period, scope and instant (deal-level calls read them). */
    public <T> T overScope(Period period, Scope scope, Instant asOf,
                           BiFunction<List<DealHistory>, FigureContext, T> figure) {
        return overDeals(period, scope, asOf, figure);
    }

    public LeadFunnel leadFunnel(Period period, Scope scope, Instant asOf) {
        FigureContext ctx = context(period, scope, asOf);
        return serving.index().map(index -> index.leads().funnel(ctx, index::history))
                .orElseGet(() -> LeadFunnel.of(histories.leads(serving.unindexedModel(), scope, asOf),
                        allDeals(Scope.ORG, asOf), ctx));
    }

    /**
     * The figure from the index's running figures of the period (any scope; "now", at or after the newest event
     * of every deal that can concern the period, they add up nothing), else from the deals' histories.
     */
    private <T> T settledOrOverDeals(Period period, Scope scope, Instant asOf,
                                     BiFunction<SettledPeriod, FigureContext, Optional<T>> settled,
                                     BiFunction<List<DealHistory>, FigureContext, T> figure) {
        return settledOrOverDeals(context(period, scope, asOf), settled, figure);
    }

    private <T> T settledOrOverDeals(FigureContext ctx, BiFunction<SettledPeriod, FigureContext, Optional<T>> settled,
                                     BiFunction<List<DealHistory>, FigureContext, T> figure) {
        return serving.index().flatMap(index -> index.settled(ctx)).flatMap(running -> settled.apply(running, ctx))
                .orElseGet(() -> overScopedDeals(ctx, figure));
    }

    /**
     * A figure that a period kept for the others answers, but that does not start one: the trends of the dashboard
     * ask it over eight past periods, which would pay eight walks of every deal and push the current periods out.
     */
    private <T> T keptOrOverDeals(FigureContext ctx, BiFunction<SettledPeriod, FigureContext, Optional<T>> kept,
                                  BiFunction<List<DealHistory>, FigureContext, T> figure) {
        return serving.index().flatMap(index -> index.kept(ctx.period())).flatMap(running -> kept.apply(running, ctx))
                .orElseGet(() -> overScopedDeals(ctx, figure));
    }

    /**
     * A figure that counts only deals in its scope, over the deals that can matter to the period and were in the
     * scope at some state up to t (from the index, narrowed before any event is built; from the tables as read).
     */
    private <T> T overScopedDeals(FigureContext ctx, BiFunction<List<DealHistory>, FigureContext, T> figure) {
        List<DealHistory> deals = serving.index().map(index -> index.concerningInScope(ctx))
                .orElseGet(() -> histories.deals(serving.unindexedModel(), ctx.scope(), ctx.asOf()));
        return figure.apply(deals, ctx);
    }

    private <T> T overDeals(Period period, Scope scope, Instant asOf, BiFunction<List<DealHistory>, FigureContext, T> figure) {
        return overDeals(context(period, scope, asOf), figure);
    }

    private <T> T overDeals(FigureContext ctx, BiFunction<List<DealHistory>, FigureContext, T> figure) {
        Scope scope = ctx.scope();
        Instant asOf = ctx.asOf();
        List<DealHistory> deals = serving.index().map(index -> index.concerning(ctx))
                .orElseGet(() -> histories.deals(serving.unindexedModel(), scope, asOf));
        return figure.apply(deals, ctx);
    }

    private List<DealHistory> allDeals(Scope scope, Instant asOf) {
        return serving.index().map(index -> index.all(asOf))
                .orElseGet(() -> histories.deals(serving.unindexedModel(), scope, asOf));
    }

    /** The context a figure of the period, scope and instant is read in (its period's bounds, the org, the rates). */
    public FigureContext contextOf(Period period, Scope scope, Instant asOf) {
        return context(period, scope, asOf);
    }

    /** How every query reads the period: the configured zone and calendar, the plan's organisation and rates. */
    FigureContext context(Period period, Scope scope, Instant asOf) {
        // one read of the plan's revision for both: the organisation and the rates of the same revision
        PlanStore.Revised current = plan.current();
        return FigureContext.of(period, scope, asOf, settings.businessZone(), calendar, current.hierarchy(),
                current.rates());
    }
}
