package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures 6 and 9: the deals that slipped out of the period, and how.
 *
 * <p>A deal slipped out of P (as of t) when, at some instant during P and at or before t, it was open with a
 * close date in P, and as of t its close date lies after P's end (so it was moved out and did not close in P).
 * Counted once per deal and period, at the amount it had when it last stood open in P.
 *
 * @param commitThatSlipped of the deals that at some instant during P stood open in Commit with a close date in
 *                          P, the share that slipped (amounts as they last stood in Commit in P)
 * @param slippedTwiceOrMore slipped deals whose close date was moved into a later period (of P's kind) two or
 *                          more times in their history
 */
public record Slippage(Basis basis, Measure slipped, Ratio commitThatSlipped, Measure slippedTwiceOrMore,
                       List<RepSlippage> byRep, List<SlippedDeal> deals) {

    public record RepSlippage(String ownerId, Measure slipped) {
    }

    /**
     * @param pushes     times the close date was moved later, in the deal's whole history as of t
     * @param daysPushed days those moves added up to
     * @param slips      moves that carried the close date into a later period of P's kind
     */
    public record SlippedDeal(String opportunityId, String ownerId,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, LocalDate closeDate,
                              int pushes, long daysPushed, int slips) {
    }

    /** What one deal's history says about period P as of t. */
    record DealSlip(String opportunityId, DealState now, DealState lastOpenInPeriod, DealState lastCommitInPeriod,
                    int pushes, long daysPushed, int slips) {

        boolean slipped(FigureContext ctx) {
            return lastOpenInPeriod != null && !now.closeDate().isBefore(ctx.period().end());
        }
    }

    public static Slippage of(List<DealHistory> deals, FigureContext ctx) {
        Measure slipped = Measure.ZERO;
        Measure twiceOrMore = Measure.ZERO;
        Measure commit = Measure.ZERO;
        Measure commitSlipped = Measure.ZERO;
        Tally byRep = new Tally();
        List<SlippedDeal> slippedDeals = new ArrayList<>();
        for (DealHistory deal : deals) {
            DealSlip slip = analyse(deal, ctx);
            if (slip == null || !ctx.inScope(slip.now())) {
                continue;
            }
            boolean didSlip = slip.slipped(ctx);
            if (slip.lastCommitInPeriod() != null) {
                BigDecimal amount = ctx.amount(deal.opportunityId(), slip.lastCommitInPeriod());
                commit = commit.plus(amount);
                commitSlipped = didSlip ? commitSlipped.plus(amount) : commitSlipped;
            }
            if (didSlip) {
                BigDecimal amount = ctx.amount(deal.opportunityId(), slip.lastOpenInPeriod());
                slipped = slipped.plus(amount);
                twiceOrMore = slip.slips() >= 2 ? twiceOrMore.plus(amount) : twiceOrMore;
                byRep.add(slip.now().ownerId(), amount);
                slippedDeals.add(new SlippedDeal(deal.opportunityId(), slip.now().ownerId(), amount,
                        slip.now().closeDate(), slip.pushes(), slip.daysPushed(), slip.slips()));
            }
        }
        return new Slippage(ctx.basis(), slipped, commitSlipped.over(commit), twiceOrMore,
                byRep.list(RepSlippage::new), slippedDeals);
    }

    /** Walks one deal's history as of t; null when the deal did not exist yet. */
    static DealSlip analyse(DealHistory deal, FigureContext ctx) {
        List<DealEvent> events = deal.asOf(ctx.asOf());
        if (events.isEmpty()) {
            return null;
        }
        // a state holds from its event until the next one; the newest holds through t itself
        Instant afterAsOf = ctx.asOf().plusNanos(1);
        Instant windowEnd = ctx.periodEnd().isBefore(afterAsOf) ? ctx.periodEnd() : afterAsOf;
        DealState lastOpen = null;
        DealState lastCommit = null;
        int pushes = 0;
        long days = 0;
        int slips = 0;
        for (int i = 0; i < events.size(); i++) {
            DealState state = events.get(i).after();
            Instant from = events.get(i).occurredAt();
            Instant to = i + 1 < events.size() ? events.get(i + 1).occurredAt() : afterAsOf;
            boolean heldDuringPeriod = from.isBefore(windowEnd) && to.isAfter(ctx.periodStart()) && to.isAfter(from);
            if (heldDuringPeriod && state.open() && ctx.period().contains(state.closeDate())) {
                lastOpen = state;
                lastCommit = DealState.COMMIT.equals(state.forecastCategory()) ? state : lastCommit;
            }
            if (i > 0 && events.get(i).kind() == DealEvent.Kind.CLOSE_DATE_CHANGED) {
                LocalDate before = events.get(i - 1).after().closeDate();
                if (state.closeDate().isAfter(before)) {
                    pushes++;
                    days += ChronoUnit.DAYS.between(before, state.closeDate());
                    slips += ctx.periodHolding(state.closeDate()).start()
                            .isAfter(ctx.periodHolding(before).start()) ? 1 : 0;
                }
            }
        }
        return new DealSlip(deal.opportunityId(), events.get(events.size() - 1).after(), lastOpen, lastCommit,
                pushes, days, slips);
    }
}
