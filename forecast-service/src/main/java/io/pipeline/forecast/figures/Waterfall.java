package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** The views in the order they are listed: every open category, then each one. */
    private static final List<String> VIEWS = List.of("ALL", DealState.PIPELINE, DealState.BEST_CASE,
            DealState.COMMIT);

    public static Waterfall of(List<DealHistory> deals, FigureContext ctx, Instant from) {
        if (!from.isBefore(ctx.asOf())) {
            throw new IllegalArgumentException("from must be before to");
        }
        // the four views in one walk of each deal: they read the same states and amounts, only their test differs
        Sums[] sums = new Sums[VIEWS.size()];
        for (int v = 0; v < sums.length; v++) {
            sums[v] = new Sums();
        }
        for (DealHistory deal : deals) {
            walk(deal, ctx, from, sums);
        }
        List<View> views = new ArrayList<>();
        for (int v = 0; v < sums.length; v++) {
            views.add(sums[v].view(VIEWS.get(v)));
        }
        return new Waterfall(ctx.basis(), from, ctx.asOf(), views);
    }

    /** One view's running sums, flows in {@link #FLOWS} order. */
    private static final class Sums {
        private Measure openAtFrom = Measure.ZERO;
        private Measure openAtTo = Measure.ZERO;
        private final Measure[] flows = new Measure[FLOWS.size()];

        Sums() {
            java.util.Arrays.fill(flows, Measure.ZERO);
        }

        void flow(String name, Measure measure) {
            int at = FLOWS.indexOf(name);
            flows[at] = flows[at].plus(measure);
        }

        View view(String name) {
            Map<String, Measure> named = new LinkedHashMap<>();
            Measure sum = openAtFrom;
            for (int i = 0; i < flows.length; i++) {
                named.put(FLOWS.get(i), flows[i]);
                sum = sum.plus(flows[i]);
            }
            return new View(name, openAtFrom, named, openAtTo, sum.equals(openAtTo));
        }
    }

    /**
     * The views a state is in, one bit each in {@link #VIEWS} order: none, or "ALL" and its category. A deal is in
     * a view when open, in scope, with a close date in P and in the view's categories.
     */
    private static int views(DealState s, FigureContext ctx) {
        if (s == null || !s.openInForecastCategory() || !ctx.inScope(s) || !ctx.period().contains(s.closeDate())) {
            return 0;
        }
        return 1 | 1 << (1 + VIEWS.subList(1, VIEWS.size()).indexOf(s.forecastCategory()));
    }

    /**
     * One deal's part in every view: open at {@code from}, each event after {@code from} up to t that changes its
     * presence or amount in a view, open at t. Amounts are converted once per state (at the same date's rate, so
     * the same amount whichever view asks).
     */
    private static void walk(DealHistory deal, FigureContext ctx, Instant from, Sums[] sums) {
        String id = deal.opportunityId();
        DealState before = deal.stateAt(from);
        int wasIn = views(before, ctx);
        BigDecimal beforeAmount = wasIn == 0 ? null : ctx.amount(id, before);
        boolean beforeConverted = wasIn != 0;
        for (int v = 0; v < sums.length; v++) {
            if ((wasIn & 1 << v) != 0) {
                sums[v].openAtFrom = sums[v].openAtFrom.plus(beforeAmount);
            }
        }
        List<DealEvent> events = deal.asOf(ctx.asOf());
        for (int i = deal.knownBefore(from); i < events.size(); i++) {
            DealEvent event = events.get(i);
            if (!event.occurredAt().isAfter(from)) {
                continue;
            }
            DealState after = event.after();
            int isIn = views(after, ctx);
            BigDecimal afterAmount = null;
            if (isIn != 0 || wasIn != 0) {
                if (!beforeConverted && wasIn != 0) {
                    beforeAmount = ctx.amount(id, before);
                }
                // an unchanged state (the dictionary shares it) has the amount it had
                afterAmount = isIn == 0 ? null : after == before && beforeConverted ? beforeAmount
                        : ctx.amount(id, after);
            }
            for (int v = 0; v < sums.length; v++) {
                boolean was = (wasIn & 1 << v) != 0;
                boolean is = (isIn & 1 << v) != 0;
                if (was != is) {
                    Measure moved = Measure.ZERO.plus(is ? afterAmount : beforeAmount);
                    sums[v].flow(is ? entering(event.kind()) : leaving(event.kind()), is ? moved : moved.negate());
                } else if (is) {
                    BigDecimal delta = Measure.orZero(afterAmount).subtract(Measure.orZero(beforeAmount));
                    if (delta.signum() != 0) {
                        sums[v].flow(delta.signum() > 0 ? "increased" : "decreased", new Measure(delta, 0));
                    }
                }
            }
            before = after;
            wasIn = isIn;
            beforeAmount = afterAmount;
            beforeConverted = isIn != 0;
        }
        for (int v = 0; v < sums.length; v++) {
            if ((wasIn & 1 << v) != 0) {
                sums[v].openAtTo = sums[v].openAtTo.plus(beforeAmount);
            }
        }
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
