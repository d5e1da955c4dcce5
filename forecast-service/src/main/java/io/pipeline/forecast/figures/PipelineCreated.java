package io.pipeline.forecast.figures;

import java.util.List;

/**
 * Figure 11: deals that entered qualified pipeline (their first event with {@code qualified}) during the period,
 * at or before t, at the amount they had at that moment, converted at the as-of rate.
 */
public record PipelineCreated(Basis basis, Measure created) {

    public static PipelineCreated of(List<DealHistory> deals, FigureContext ctx) {
        Measure created = Measure.ZERO;
        for (DealHistory deal : deals) {
            List<DealEvent> events = deal.asOf(ctx.asOf());
            if (events.isEmpty() || !ctx.inScope(events.get(events.size() - 1).after())) {
                continue;
            }
            DealEvent qualifying = events.stream().filter(e -> e.after().qualified()).findFirst().orElse(null);
            if (qualifying != null && StageVelocity.inPeriod(ctx, qualifying.occurredAt())) {
                created = created.plus(ctx.amount(deal.opportunityId(), qualifying.after()));
            }
        }
        return new PipelineCreated(ctx.basis(), created);
    }
}
