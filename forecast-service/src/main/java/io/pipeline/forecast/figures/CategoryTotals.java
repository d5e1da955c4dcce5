package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figure 1: open deals with a close date in the period per forecast category (Pipeline, Best Case, Commit), and
 * the deals closed won with a close date in it, all as of the asked instant.
 */
public record CategoryTotals(Basis basis, List<Total> totals) {

    public static final String CLOSED_WON = "CLOSED_WON";
    static final List<String> CATEGORIES = List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT,
            CLOSED_WON);

    /** @param category PIPELINE, BEST_CASE, COMMIT or CLOSED_WON (flat, as the slice's first clients read it) */
    public record Total(String category, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, long count) {

        public Measure measure() {
            return new Measure(amount, count);
        }
    }

    /** What one deal adds to the totals: its category and its amount in the reporting currency (null: no rate). */
    public record DealTotal(String category, BigDecimal amount) {
    }

    public static CategoryTotals of(List<DealHistory> deals, FigureContext ctx) {
        Accumulator totals = new Accumulator();
        for (DealHistory deal : deals) {
            totals.add(contribution(deal, ctx));
        }
        return totals.result(ctx);
    }

    /** The deal's part in the figure as of t; null when it counts nowhere (not in scope or period, closed lost...). */
    public static DealTotal contribution(DealHistory deal, FigureContext ctx) {
        DealState state = deal.stateAt(ctx.asOf());
        if (!ctx.inScope(state) || !ctx.period().contains(state.closeDate())) {
            return null;
        }
        String category = state.won() ? CLOSED_WON : state.openInForecastCategory() ? state.forecastCategory() : null;
        return category == null ? null : new DealTotal(category, ctx.amount(deal.opportunityId(), state));
    }

    /**
     * The totals of the scopes one level below the context's (a page of a drill-down's children), in one pass over
     * the context's deals: each deal's part is computed in the context of the child its state as of t is placed
     * in, which is {@link #of} over the deals with the child's context.
     */
    public static Map<Scope, CategoryTotals> below(List<DealHistory> deals, FigureContext ctx, List<Scope> children) {
        Below sums = new Below(ctx, children);
        deals.forEach(sums::addDeal);
        return sums.result();
    }

    /** The sums of {@link #below}: one context and accumulator per asked child. */
    public static final class Below {

        private final FigureContext ctx;
        /** Each child's context (its converter notes its own deals), shared by the sums of a scan's slices. */
        private final Map<Scope, FigureContext> contexts;
        private final Map<Scope, Accumulator> byChild = new LinkedHashMap<>();

        public Below(FigureContext ctx, List<Scope> children) {
            this(ctx, contextsOf(ctx, children));
        }

        private Below(FigureContext ctx, Map<Scope, FigureContext> contexts) {
            this.ctx = ctx;
            this.contexts = contexts;
            contexts.keySet().forEach(child -> byChild.put(child, new Accumulator()));
        }

        private static Map<Scope, FigureContext> contextsOf(FigureContext ctx, List<Scope> children) {
            Map<Scope, FigureContext> contexts = new LinkedHashMap<>();
            children.forEach(child -> contexts.put(child, ctx.forScope(child)));
            return contexts;
        }

        /** Empty sums of the same children, noting unconverted deals in the same contexts (another slice's). */
        public Below sharingContexts() {
            return new Below(ctx, contexts);
        }

        /** The deal's part as of t, in the context of the asked child its state then is placed in (if any). */
        public void addDeal(DealHistory deal) {
            Scope child = ctx.hierarchy().childHolding(ctx.scope(), deal.stateAt(ctx.asOf()));
            FigureContext childContext = contexts.get(child);
            if (childContext != null) {
                byChild.get(child).add(contribution(deal, childContext));
            }
        }

        /** A part computed already in the reporting currency (a kept one), its deal placed as {@code placement}. */
        public void addKept(Hierarchy.Placed placement, DealTotal deal) {
            Accumulator child = byChild.get(ctx.hierarchy().childHolding(ctx.scope(), placement));
            if (child != null) {
                child.add(deal);
            }
        }

        /** The sums of deals all placed in the asked {@code child} (the running figures' sums of a scope). */
        public void addChild(Scope child, Accumulator deals) {
            byChild.get(child).addAll(deals);
        }

        /** Deals whose currency had no rate, noted in the context of the child {@code placement} is in. */
        public void noteUnconverted(Hierarchy.Placed placement, Set<String> deals) {
            FigureContext child = contexts.get(ctx.hierarchy().childHolding(ctx.scope(), placement));
            if (child != null) {
                child.money().unconverted().addAll(deals);
            }
        }

        public void addAll(Below other) {
            other.byChild.forEach((child, sums) -> byChild.get(child).addAll(sums));
        }

        /** Each child's totals, in the asked order, each with its own basis. */
        public Map<Scope, CategoryTotals> result() {
            Map<Scope, CategoryTotals> totals = new LinkedHashMap<>();
            byChild.forEach((child, sums) -> totals.put(child, sums.result(contexts.get(child))));
            return totals;
        }
    }

    /**
     * The totals as deals' contributions are added, and taken back when a deal's contribution changes: the one
     * way the figure is summed, whether over a query's deals or kept running by the index.
     */
    public static final class Accumulator {

        private final Map<String, Measure> byCategory = new LinkedHashMap<>();

        public Accumulator() {
            CATEGORIES.forEach(c -> byCategory.put(c, Measure.ZERO));
        }

        public void add(DealTotal deal) {
            if (deal != null) {
                byCategory.put(deal.category(), byCategory.get(deal.category()).plus(deal.amount()));
            }
        }

        public void remove(DealTotal deal) {
            if (deal != null) {
                byCategory.put(deal.category(), byCategory.get(deal.category()).minus(deal.amount()));
            }
        }

        /** Adds the other's sums (the parts of one placement of deals, put together into a scope's). */
        public void addAll(Accumulator other) {
            other.byCategory.forEach((category, measure) -> byCategory.merge(category, measure, Measure::plus));
        }

        public Accumulator copy() {
            Accumulator copy = new Accumulator();
            copy.byCategory.putAll(byCategory);
            return copy;
        }

        /** The figure; the basis is read last, once every amount of the context was converted. */
        public CategoryTotals result(FigureContext ctx) {
            List<Total> totals = byCategory.entrySet().stream().map(e -> new Total(e.getKey(), e.getValue().amount(),
                    e.getValue().count())).toList();
            return new CategoryTotals(ctx.basis(), totals);
        }
    }

    public Measure total(String category) {
        return totals.stream().filter(t -> t.category().equals(category)).findFirst().orElseThrow().measure();
    }
}
