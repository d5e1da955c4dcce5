package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.pipeline.platform.period.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    private static final List<String> CATEGORIES = List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT);

    public static WeightedForecast of(List<DealHistory> deals, FigureContext ctx, int lookback) {
        return of(deals, CategoryTotals.of(deals, ctx), ctx, lookback);
    }

    /**
     * The figure with P's category totals as of t given (the running org totals answer them without a walk), the
     * lookback learnt from {@code deals}.
     */
    public static WeightedForecast of(List<DealHistory> deals, CategoryTotals now, FigureContext ctx, int lookback) {
        return of(learn(deals, ctx, lookback), now, ctx, lookback);
    }

    /**
     * What the figure learns from the {@code lookback} periods before P: per open category the amount that stood
     * in it at each period's start and the part of it won in the period, and the amount created and won in a
     * period, summed over the periods with deals of the scope. From P's start on, t changes none of it (each
     * period before P is read at its start and end), so a caller may keep it while nothing before P changes.
     *
     * @param unconverted the deals whose currency had no rate on the question's date
     */
    public record Lookback(List<Period> periods, List<BigDecimal> atStart, List<BigDecimal> wonOfIt,
                           BigDecimal createdAndWon, Set<String> unconverted) {
    }

    /**
     * The lookback, the deals walked once per lookback period, each read at that period's start and end (two
     * binary searches in the index's timeline), whatever category it stood in.
     */
    public static Lookback learn(List<DealHistory> deals, FigureContext ctx, int lookback) {
        List<Period> history = new ArrayList<>();
        BigDecimal[] atStart = zeros(CATEGORIES.size());
        BigDecimal[] wonOfIt = zeros(CATEGORIES.size());
        BigDecimal createdAndWon = BigDecimal.ZERO;
        for (Period past : lookbackPeriods(ctx, lookback)) {
            FigureContext then = ctx.forPeriod(past);
            Instant startAt = then.periodStart().isBefore(ctx.asOf()) ? then.periodStart() : ctx.asOf();
            Instant endAt = periodEndOrAsOf(then);
            BigDecimal[] periodAtStart = zeros(CATEGORIES.size());
            BigDecimal[] periodWon = zeros(CATEGORIES.size());
            BigDecimal periodCreatedAndWon = BigDecimal.ZERO;
            boolean hasDeals = false;
            for (DealHistory deal : deals) {
                DealState start = deal.stateAt(startAt);
                DealState end = deal.stateAt(endAt);
                // won: stood won, in scope, with a close date in the period, at the period's end (or at t)
                boolean won = end != null && end.won() && then.inScope(end) && past.contains(end.closeDate());
                boolean openAtStart = start != null && start.open() && then.inScope(start)
                        && past.contains(start.closeDate());
                hasDeals |= openAtStart || won;
                int category = openAtStart ? CATEGORIES.indexOf(start.forecastCategory()) : -1;
                if (category >= 0) {
                    BigDecimal amount = Measure.orZero(then.amount(deal.opportunityId(), start));
                    periodAtStart[category] = periodAtStart[category].add(amount);
                    periodWon[category] = won ? periodWon[category].add(amount) : periodWon[category];
                }
                if (won) {
                    DealEvent opened = deal.events().get(0);
                    if (opened.kind() == DealEvent.Kind.OPENED && StageVelocity.inPeriod(then, opened.occurredAt())) {
                        periodCreatedAndWon = periodCreatedAndWon.add(Measure.orZero(then.amount(
                                deal.opportunityId(), end)));
                    }
                }
            }
            // a period without any deal of the scope in it is no history: it adds nothing, not even its zeros
            if (hasDeals) {
                history.add(past);
                for (int c = 0; c < CATEGORIES.size(); c++) {
                    atStart[c] = atStart[c].add(periodAtStart[c]);
                    wonOfIt[c] = wonOfIt[c].add(periodWon[c]);
                }
                createdAndWon = createdAndWon.add(periodCreatedAndWon);
            }
        }
        return new Lookback(List.copyOf(history), List.of(atStart), List.of(wonOfIt), createdAndWon,
                Set.copyOf(ctx.money().unconverted()));
    }

    /** The figure from what was learnt and P's category totals as of t. */
    public static WeightedForecast of(Lookback learnt, CategoryTotals now, FigureContext ctx, int lookback) {
        List<Period> history = learnt.periods();
        List<Weighted> weightedCategories = new ArrayList<>();
        BigDecimal forecast = now.total(CategoryTotals.CLOSED_WON).amount();
        for (int c = 0; c < CATEGORIES.size(); c++) {
            BigDecimal open = now.total(CATEGORIES.get(c)).amount();
            BigDecimal share = Ratio.divide(learnt.wonOfIt().get(c), learnt.atStart().get(c));
            BigDecimal weighted = share == null ? null : open.multiply(share).setScale(2, RoundingMode.HALF_EVEN);
            weightedCategories.add(new Weighted(CATEGORIES.get(c), open, share, weighted));
            forecast = forecast == null || (weighted == null && open.signum() != 0) ? null
                    : forecast.add(Measure.orZero(weighted));
        }
        BigDecimal perPeriod = history.isEmpty() ? null
                : learnt.createdAndWon().divide(BigDecimal.valueOf(history.size()), 2, RoundingMode.HALF_EVEN);
        forecast = forecast == null || perPeriod == null ? null : forecast.add(perPeriod);
        String note = history.size() >= lookback ? null : history.isEmpty()
                ? "none of the " + lookback + " periods before " + ctx.period().id() + " has deals of this scope: no"
                        + " history to weigh by"
                : "only " + history.size() + " of the " + lookback + " periods wanted before " + ctx.period().id()
                        + " have deals of this scope: the win shares and the created-and-won mean come from those";
        return new WeightedForecast(ctx.basis(), history.stream().map(Period::id).toList(), lookback, note,
                weightedCategories, perPeriod, now.total(CategoryTotals.CLOSED_WON).amount(), forecast);
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] zeros = new BigDecimal[n];
        java.util.Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
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

    private static Instant periodEndOrAsOf(FigureContext then) {
        Instant justBeforeEnd = then.periodEnd().minusNanos(1);
        return justBeforeEnd.isBefore(then.asOf()) ? justBeforeEnd : then.asOf();
    }
}
