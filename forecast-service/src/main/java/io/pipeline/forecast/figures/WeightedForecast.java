package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.pipeline.platform.period.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 13 (SMB style). For each open category: the open amount in it now (close date in P, as of t) times that
 * category's historical win share: over the {@code lookback} periods of P's kind before P, of the amount that
 * stood open in the category with a close date in the period at the period's start, the share belonging to deals
 * that closed won in that period. Plus the historical in-period-created-and-won amount: the mean, over the same
 * periods, of the amount of deals opened during a period and won in it with a close date in it. Plus what is
 * already closed won in P. By amount only (a share of amounts); a category without history has no share (null),
 * and the total is then null too if that category holds any open amount. A lookback period without any deal of the
 * scope in it (open at its start with a close date in it, or won in it: before the org's history began) is no
 * history and is left out, so that fewer periods answer rather than empty ones diluting the shares and the mean.
 *
 * @param lookbackPeriods the periods the figure learnt from (those with deals of the scope), oldest first
 * @param lookbackWanted  how many it was asked to learn from ({@code pipeline.forecast.weighted-lookback})
 * @param lookbackNote    why fewer periods answered than wanted; null when all did
 */
public record WeightedForecast(Basis basis, List<String> lookbackPeriods, int lookbackWanted, String lookbackNote,
                               List<Weighted> categories,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal createdAndWonPerPeriod,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal closedWon,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal forecast) {

    public record Weighted(String category, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal open,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal historicalWinShare,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weighted) {
    }

    public static WeightedForecast of(List<DealHistory> deals, FigureContext ctx, int lookback) {
        CategoryTotals now = CategoryTotals.of(deals, ctx);
        List<Period> history = lookbackPeriods(ctx, lookback).stream().filter(past -> hasDeals(deals, ctx.forPeriod(past)))
                .toList();
        List<Weighted> categories = new ArrayList<>();
        BigDecimal forecast = now.total(CategoryTotals.CLOSED_WON).amount();
        for (String category : List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT)) {
            BigDecimal atStart = BigDecimal.ZERO;
            BigDecimal wonOfIt = BigDecimal.ZERO;
            for (Period past : history) {
                FigureContext then = ctx.forPeriod(past);
                for (DealHistory deal : deals) {
                    DealState start = deal.stateAt(then.periodStart().isBefore(ctx.asOf()) ? then.periodStart() : ctx.asOf());
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
            categories.add(new Weighted(category, open, share, weighted));
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

    /** Whether any deal of the scope stood open at the period's start with a close date in it, or was won in it. */
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

    /**
     * The {@code lookback} periods of P's kind before P, oldest first. With P they are one stretch of dates: the
     * figure looks at no deal without an event or a close date in it.
     */
    public static List<Period> lookbackPeriods(FigureContext ctx, int lookback) {
        List<Period> history = new ArrayList<>();
        Period earlier = ctx.period();
        for (int i = 0; i < lookback; i++) {
            earlier = ctx.periodHolding(earlier.start().minusDays(1));
            history.add(0, earlier);
        }
        return history;
    }

    /** Whether the deal stood won, in scope, with a close date in the period, at the period's end (or at t). */
    private static boolean wonInPeriod(DealHistory deal, FigureContext then) {
        DealState end = deal.stateAt(periodEndOrAsOf(then));
        return end != null && end.won() && then.inScope(end) && then.period().contains(end.closeDate());
    }

    private static Instant periodEndOrAsOf(FigureContext then) {
        Instant justBeforeEnd = then.periodEnd().minusNanos(1);
        return justBeforeEnd.isBefore(then.asOf()) ? justBeforeEnd : then.asOf();
    }
}
