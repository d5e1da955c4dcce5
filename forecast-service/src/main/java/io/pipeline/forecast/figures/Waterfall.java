package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Figure 12: how the open pipeline of target period P went from instant {@code from} to instant {@code to}.
 *
 * <p>A deal is in a view at an instant when it is open, in scope, with a close date in P and in the view's
 * categories (all three open categories, or one). Each event between the two instants that changes a deal's
 * presence or amount in the view is one flow, named by what the event did; flows are signed (inflows positive,
 * outflows negative), so open at {@code from} + the sum of the flows = open at {@code to}, exactly, by amount and by
 * count: every amount is converted at the same date's rate and rounded to the cent per deal. Beyond DOMAIN.md's
 * flows: {@code categoryIn}/{@code categoryOut} (a stage move or override between categories, and an open deal
 * overridden to or from Omitted), {@code transferredIn}/{@code transferredOut} (the deal changed owner into or out
 * of the scope; always zero for the org).
 */
public record Waterfall(Basis basis, Instant from, Instant to, List<View> views) {

    public static final List<String> FLOWS = List.of("created", "reopened", "pulledIn", "pushedOut", "increased",
            "decreased", "won", "lost", "deferred", "categoryIn", "categoryOut", "transferredIn", "transferredOut");

    /** @param categories ALL, PIPELINE, BEST_CASE or COMMIT */
    public record View(String categories, Measure openAtFrom, Map<String, Measure> flows, Measure openAtTo,
                       boolean balanced) {
    }

    public static Waterfall of(List<DealHistory> deals, FigureContext ctx, Instant from) {
        if (!from.isBefore(ctx.asOf())) {
            throw new IllegalArgumentException("from must be before to");
        }
        List<View> views = new ArrayList<>();
        views.add(view("ALL", deals, ctx, from, DealState::openInForecastCategory));
        for (String category : List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT)) {
            views.add(view(category, deals, ctx, from, s -> s.openIn(category)));
        }
        return new Waterfall(ctx.basis(), from, ctx.asOf(), views);
    }

    private static View view(String name, List<DealHistory> deals, FigureContext ctx, Instant from,
                             Predicate<DealState> inCategories) {
        Predicate<DealState> inView = s -> s != null && inCategories.test(s) && ctx.inScope(s)
                && ctx.period().contains(s.closeDate());
        Map<String, Measure> flows = new LinkedHashMap<>();
        FLOWS.forEach(f -> flows.put(f, Measure.ZERO));
        Measure openAtFrom = Measure.ZERO;
        Measure openAtTo = Measure.ZERO;
        for (DealHistory deal : deals) {
            String id = deal.opportunityId();
            DealState before = deal.stateAt(from);
            if (inView.test(before)) {
                openAtFrom = openAtFrom.plus(ctx.amount(id, before));
            }
            for (DealEvent event : deal.events()) {
                if (!event.occurredAt().isAfter(from) || event.occurredAt().isAfter(ctx.asOf())) {
                    continue;
                }
                DealState after = event.after();
                boolean wasIn = inView.test(before);
                boolean isIn = inView.test(after);
                if (wasIn != isIn) {
                    Measure moved = Measure.ZERO.plus(ctx.amount(id, isIn ? after : before));
                    flows.merge(isIn ? entering(event.kind()) : leaving(event.kind()), isIn ? moved : moved.negate(),
                            Measure::plus);
                } else if (isIn) {
                    BigDecimal delta = Measure.orZero(ctx.amount(id, after)).subtract(Measure.orZero(ctx.amount(id, before)));
                    if (delta.signum() != 0) {
                        flows.merge(delta.signum() > 0 ? "increased" : "decreased", new Measure(delta, 0),
                                Measure::plus);
                    }
                }
                before = after;
            }
            if (inView.test(before)) {
                openAtTo = openAtTo.plus(ctx.amount(id, before));
            }
        }
        Measure sum = openAtFrom;
        for (Measure flow : flows.values()) {
            sum = sum.plus(flow);
        }
        return new View(name, openAtFrom, flows, openAtTo, sum.equals(openAtTo));
    }

    private static String entering(DealEvent.Kind kind) {
        return switch (kind) {
            case OPENED -> "created";
            case REOPENED -> "reopened";
            case CLOSE_DATE_CHANGED -> "pulledIn";
            case OWNER_REASSIGNED -> "transferredIn";
            default -> "categoryIn";
        };
    }

    private static String leaving(DealEvent.Kind kind) {
        return switch (kind) {
            case CLOSED_WON -> "won";
            case CLOSED_LOST -> "lost";
            case DEFERRED -> "deferred";
            case CLOSE_DATE_CHANGED -> "pushedOut";
            case OWNER_REASSIGNED -> "transferredOut";
            default -> "categoryOut";
        };
    }
}
