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

    public static CategoryTotals of(List<DealHistory> deals, FigureContext ctx) {
        Map<String, Measure> byCategory = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> byCategory.put(c, Measure.ZERO));
        for (DealHistory deal : deals) {
            DealState state = deal.stateAt(ctx.asOf());
            if (!ctx.inScope(state) || !ctx.period().contains(state.closeDate())) {
                continue;
            }
            String category = state.won() ? CLOSED_WON : state.openInForecastCategory() ? state.forecastCategory() : null;
            if (category != null) {
                byCategory.merge(category, Measure.ZERO.plus(ctx.amount(deal.opportunityId(), state)), Measure::plus);
            }
        }
        List<Total> totals = byCategory.entrySet().stream().map(e -> new Total(e.getKey(), e.getValue().amount(),
                e.getValue().count())).toList();
        return new CategoryTotals(ctx.basis(), totals);
    }

    public Measure total(String category) {
        return totals.stream().filter(t -> t.category().equals(category)).findFirst().orElseThrow().measure();
    }
}
