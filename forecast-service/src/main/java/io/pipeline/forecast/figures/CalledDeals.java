package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Figure 14, deal-level calls (seed 002, steps 5-8): the deals a call counts in Commit and in Best Case, each as it
 * stood when the call was made and as it stands at t, so a called deal that slipped, closed or moved shows it.
 * A Commit number is meant as Closed won plus the called Commit deals plus what is expected from deals not yet
 * identifiable; a Best Case number as the Commit number plus the called Best Case deals (and again unidentified).
 *
 * @param calledCommit        the Commit deals of the call still open in the scope and period at t (a called deal
 *                            won since is in Closed won already)
 * @param calledBestCase      the same for the Best Case deals
 * @param unidentifiedCommit  Commit number - Closed won - calledCommit: what the caller expects from deals not named
 * @param unidentifiedBestCase Best Case number - Closed won - calledCommit - calledBestCase
 * @param upside              open Commit and Best Case deals of the scope and period the call leaves out
 */
public record CalledDeals(List<CalledDeal> deals,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal calledCommit,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal calledBestCase,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unidentifiedCommit,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unidentifiedBestCase,
                          Measure upside, List<String> upsideDeals) {

    /** What happened to a called deal since the call: nothing, or the first of these that applies. */
    public enum Change { UNCHANGED, WON, LOST, SLIPPED, LEFT_SCOPE, CATEGORY_CHANGED, AMOUNT_CHANGED }

    /**
     * @param calledAs  COMMIT or BEST_CASE: the list of the call that names it
     * @param amountAtCall its amount (reporting currency) when the call was made; null if it did not exist then
     */
    public record CalledDeal(String opportunityId, String calledAs,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountAtCall,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, LocalDate closeDate,
                             String forecastCategory, String status, Change change) {
    }

    public static CalledDeals of(List<DealHistory> deals, FigureContext ctx, Instant calledAt, BigDecimal commit,
                                 BigDecimal bestCase, List<String> commitDeals, List<String> bestCaseDeals,
                                 BigDecimal closedWon) {
        Map<String, DealHistory> byId = deals.stream()
                .collect(Collectors.toMap(DealHistory::opportunityId, Function.identity(), (a, b) -> a));
        List<CalledDeal> called = new ArrayList<>();
        BigDecimal calledCommit = BigDecimal.ZERO.setScale(2);
        BigDecimal calledBestCase = BigDecimal.ZERO.setScale(2);
        for (String id : commitDeals) {
            CalledDeal deal = called(byId.get(id), id, DealState.COMMIT, ctx, calledAt);
            called.add(deal);
            calledCommit = calledCommit.add(counting(deal));
        }
        for (String id : bestCaseDeals) {
            CalledDeal deal = called(byId.get(id), id, DealState.BEST_CASE, ctx, calledAt);
            called.add(deal);
            calledBestCase = calledBestCase.add(counting(deal));
        }
        Set<String> named = new HashSet<>(commitDeals);
        named.addAll(bestCaseDeals);
        Measure upside = Measure.ZERO;
        List<String> upsideDeals = new ArrayList<>();
        for (DealHistory deal : deals) {
            DealState now = deal.stateAt(ctx.asOf());
            if (named.contains(deal.opportunityId()) || !ctx.inScope(now) || !ctx.period().contains(now.closeDate())
                    || !(now.openIn(DealState.COMMIT) || now.openIn(DealState.BEST_CASE))) {
                continue;
            }
            upside = upside.plus(ctx.amount(deal.opportunityId(), now));
            upsideDeals.add(deal.opportunityId());
        }
        upsideDeals.sort(null);
        BigDecimal won = Measure.orZero(closedWon);
        return new CalledDeals(List.copyOf(called), calledCommit, calledBestCase,
                commit.subtract(won).subtract(calledCommit),
                bestCase.subtract(won).subtract(calledCommit).subtract(calledBestCase), upside, upsideDeals);
    }

    /** What a called deal adds beside Closed won: its amount while open in the period and scope, else 0. */
    private static BigDecimal counting(CalledDeal deal) {
        boolean counts = deal.change() != Change.WON && deal.change() != Change.LOST && deal.change() != Change.SLIPPED
                && deal.change() != Change.LEFT_SCOPE && deal.amount() != null;
        return counts ? deal.amount() : BigDecimal.ZERO;
    }

    private static CalledDeal called(DealHistory deal, String id, String calledAs, FigureContext ctx,
                                     Instant calledAt) {
        DealState now = deal == null ? null : deal.stateAt(ctx.asOf());
        if (now == null) {
            return new CalledDeal(id, calledAs, null, null, null, null, null, Change.LEFT_SCOPE);
        }
        DealState then = deal.stateAt(calledAt);
        BigDecimal amountThen = then == null ? null : ctx.amount(id, then);
        BigDecimal amountNow = ctx.amount(id, now);
        Change change;
        if (!ctx.inScope(now)) {
            change = Change.LEFT_SCOPE;
        } else if (now.won()) {
            // a win dated outside the period does not make this period's number
            change = ctx.period().contains(now.closeDate()) ? Change.WON : Change.SLIPPED;
        } else if (!now.open()) {
            change = Change.LOST;
        } else if (!ctx.period().contains(now.closeDate())) {
            change = Change.SLIPPED;
        } else if (then != null && !now.forecastCategory().equals(then.forecastCategory())) {
            change = Change.CATEGORY_CHANGED;
        } else if (amountThen != null && amountNow != null && amountThen.compareTo(amountNow) != 0) {
            change = Change.AMOUNT_CHANGED;
        } else {
            change = Change.UNCHANGED;
        }
        return new CalledDeal(id, calledAs, amountThen, amountNow, now.closeDate(), now.forecastCategory(),
                now.status(), change);
    }
}
