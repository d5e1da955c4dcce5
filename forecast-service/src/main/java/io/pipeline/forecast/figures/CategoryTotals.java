package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
