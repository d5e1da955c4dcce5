package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.util.List;

/**
 * Figure 11: deals that entered qualified pipeline (their first event with {@code qualified}) during the period,
 * at or before t, at the amount they had at that moment, converted at the as-of rate.
 */
public record PipelineCreated(Basis basis, Measure created) {

    /** What one deal adds: the amount it entered qualified pipeline at, in the reporting currency (null: no rate). */
    public record DealCreated(BigDecimal amount) {
    }

    public static PipelineCreated of(List<DealHistory> deals, FigureContext ctx) {
        Accumulator created = new Accumulator();
        for (DealHistory deal : deals) {
            created.add(contribution(deal, ctx));
        }
        return created.result(ctx);
    }

    /** The deal's part as of t; null when it adds nothing (not in scope, not qualified during the period by t). */
    public static DealCreated contribution(DealHistory deal, FigureContext ctx) {
        List<DealEvent> events = deal.asOf(ctx.asOf());
        if (events.isEmpty() || !ctx.inScope(events.get(events.size() - 1).after())) {
            return null;
        }
        DealEvent qualifying = events.stream().filter(e -> e.after().qualified()).findFirst().orElse(null);
        if (qualifying == null || !StageVelocity.inPeriod(ctx, qualifying.occurredAt())) {
            return null;
        }
        return new DealCreated(ctx.amount(deal.opportunityId(), qualifying.after()));
    }

    /** The figure as deals' parts are added, over a query's deals or the parts the index keeps. */
    public static final class Accumulator {

        private Measure created = Measure.ZERO;

        public void add(DealCreated deal) {
            if (deal != null) {
                created = created.plus(deal.amount());
            }
        }

        /** Takes back one {@link #add} exactly (the index keeps the sums running as deals change). */
        public void remove(DealCreated deal) {
            if (deal != null) {
                created = created.minus(deal.amount());
            }
        }

        /** Adds the other's sum (the deals of one placement, put together into a scope's). */
        public void addAll(Accumulator other) {
            created = created.plus(other.created);
        }

        public PipelineCreated result(FigureContext ctx) {
            return new PipelineCreated(ctx.basis(), created);
        }
    }
}
