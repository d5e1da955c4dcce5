package io.pipeline.forecast.figures;

import io.pipeline.platform.period.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The waterfall and the weighted forecast written as DOMAIN.md defines them, view by view and category by category
 * over every deal, with no shortcut: the fast forms the service runs (one walk for the four views, one pass per
 * lookback period, deals narrowed to the scope first) must give exactly these answers.
 */
final class FigureDefinitions {

    private FigureDefinitions() {
    }

    static Waterfall waterfall(List<DealHistory> deals, FigureContext ctx, Instant from) {
        List<Waterfall.View> views = new ArrayList<>();
        views.add(view("ALL", deals, ctx, from, DealState::openInForecastCategory));
        for (String category : List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT)) {
            views.add(view(category, deals, ctx, from, s -> s.openIn(category)));
        }
        return new Waterfall(ctx.basis(), from, ctx.asOf(), views);
    }

    private static Waterfall.View view(String name, List<DealHistory> deals, FigureContext ctx, Instant from,
                                       Predicate<DealState> inCategories) {
        Predicate<DealState> inView = s -> s != null && inCategories.test(s) && ctx.inScope(s)
                && ctx.period().contains(s.closeDate());
        Map<String, Measure> flows = new LinkedHashMap<>();
        Waterfall.FLOWS.forEach(f -> flows.put(f, Measure.ZERO));
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
                    BigDecimal delta = Measure.orZero(ctx.amount(id, after))
                            .subtract(Measure.orZero(ctx.amount(id, before)));
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
        return new Waterfall.View(name, openAtFrom, flows, openAtTo, sum.equals(openAtTo));
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

    static WeightedForecast weightedForecast(List<DealHistory> deals, FigureContext ctx, int lookback) {
        CategoryTotals now = CategoryTotals.of(deals, ctx);
        List<Period> history = WeightedForecast.lookbackPeriods(ctx, lookback).stream()
                .filter(past -> hasDeals(deals, ctx.forPeriod(past))).toList();
        List<WeightedForecast.Weighted> categories = new ArrayList<>();
        BigDecimal forecast = now.total(CategoryTotals.CLOSED_WON).amount();
        for (String category : List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT)) {
            BigDecimal atStart = BigDecimal.ZERO;
            BigDecimal wonOfIt = BigDecimal.ZERO;
            for (Period past : history) {
                FigureContext then = ctx.forPeriod(past);
                for (DealHistory deal : deals) {
                    DealState start = deal.stateAt(then.periodStart().isBefore(ctx.asOf()) ? then.periodStart()
                            : ctx.asOf());
                    if (start == null || !start.openIn(category) || !then.inScope(start)
                            || !past.contains(start.closeDate())) {
                        continue;
                    }
                    BigDecimal amount = Measure.orZero(then.amount(deal.opportunityId(), start));
                    atStart = atStart.add(amount);
                    wonOfIt = wonInPeriod(deal, then) ? wonOfIt.add(amount) : wonOfIt;
                }
            }
            BigDecimal open = now.total(category).amount();
            BigDecimal share = Ratio.divide(wonOfIt, atStart);
            BigDecimal weighted = share == null ? null : open.multiply(share).setScale(2, RoundingMode.HALF_EVEN);
            categories.add(new WeightedForecast.Weighted(category, open, share, weighted));
            forecast = forecast == null || (weighted == null && open.signum() != 0) ? null
                    : forecast.add(Measure.orZero(weighted));
        }
        BigDecimal createdAndWon = BigDecimal.ZERO;
        for (Period past : history) {
            FigureContext then = ctx.forPeriod(past);
            for (DealHistory deal : deals) {
                DealEvent opened = deal.events().get(0);
                if (opened.kind() == DealEvent.Kind.OPENED && StageVelocity.inPeriod(then, opened.occurredAt())
                        && wonInPeriod(deal, then)) {
                    createdAndWon = createdAndWon.add(Measure.orZero(then.amount(deal.opportunityId(),
                            deal.stateAt(periodEndOrAsOf(then)))));
                }
            }
        }
        BigDecimal perPeriod = history.isEmpty() ? null
                : createdAndWon.divide(BigDecimal.valueOf(history.size()), 2, RoundingMode.HALF_EVEN);
        forecast = forecast == null || perPeriod == null ? null : forecast.add(perPeriod);
        String note = history.size() >= lookback ? null : history.isEmpty()
                ? "none of the " + lookback + " periods before " + ctx.period().id() + " has deals of this scope: no"
                        + " history to weigh by"
                : "only " + history.size() + " of the " + lookback + " periods wanted before " + ctx.period().id()
                        + " have deals of this scope: the win shares and the created-and-won mean come from those";
        return new WeightedForecast(ctx.basis(), history.stream().map(Period::id).toList(), lookback, note, categories,
                perPeriod, now.total(CategoryTotals.CLOSED_WON).amount(), forecast);
    }

    private static boolean hasDeals(List<DealHistory> deals, FigureContext then) {
        for (DealHistory deal : deals) {
            DealState start = deal.stateAt(then.periodStart().isBefore(then.asOf()) ? then.periodStart() : then.asOf());
            if (start != null && start.open() && then.inScope(start) && then.period().contains(start.closeDate())
                    || wonInPeriod(deal, then)) {
                return true;
            }
        }
        return false;
    }

    private static boolean wonInPeriod(DealHistory deal, FigureContext then) {
        DealState end = deal.stateAt(periodEndOrAsOf(then));
        return end != null && end.won() && then.inScope(end) && then.period().contains(end.closeDate());
    }

    private static Instant periodEndOrAsOf(FigureContext then) {
        Instant justBeforeEnd = then.periodEnd().minusNanos(1);
        return justBeforeEnd.isBefore(then.asOf()) ? justBeforeEnd : then.asOf();
    }
}
