package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;

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
 * @param deals             the slipped deals by id (an order that does not depend on the order deals are read in)
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

    /**
     * What one deal adds to the figure, amounts in the reporting currency (null where the currency has no rate).
     *
     * @param commitAmount the amount it last stood at in Commit in P, when it did ({@code inCommit})
     * @param detail       the deal as listed among the slipped ones; null when it did not slip
     */
    public record DealSlippage(String ownerId, boolean inCommit, BigDecimal commitAmount, SlippedDeal detail) {

        boolean slipped() {
            return detail != null;
        }
    }

    public static Slippage of(List<DealHistory> deals, FigureContext ctx) {
        Accumulator slippage = new Accumulator();
        for (DealHistory deal : deals) {
            slippage.add(contribution(deal, ctx));
        }
        return slippage.result(ctx);
    }

    /** The deal's part in the figure as of t; null when it adds nothing (not in scope, never in Commit nor slipped). */
    public static DealSlippage contribution(DealHistory deal, FigureContext ctx) {
        DealSlip slip = analyse(deal, ctx);
        if (slip == null || !ctx.inScope(slip.now())) {
            return null;
        }
        boolean inCommit = slip.lastCommitInPeriod() != null;
        boolean didSlip = slip.slipped(ctx);
        if (!inCommit && !didSlip) {
            return null;
        }
        BigDecimal commitAmount = inCommit ? ctx.amount(deal.opportunityId(), slip.lastCommitInPeriod()) : null;
        SlippedDeal detail = null;
        if (didSlip) {
            detail = new SlippedDeal(deal.opportunityId(), slip.now().ownerId(),
                    ctx.amount(deal.opportunityId(), slip.lastOpenInPeriod()), slip.now().closeDate(), slip.pushes(),
                    slip.daysPushed(), slip.slips());
        }
        return new DealSlippage(slip.now().ownerId(), inCommit, commitAmount, detail);
    }

    /**
     * The figure as deals' contributions are added, and taken back when a deal's contribution changes: the one way
     * it is summed, whether over a query's deals or kept running by the index. Slipped deals are listed by id.
     */
    public static final class Accumulator {

        private Measure slipped = Measure.ZERO;
        private Measure twiceOrMore = Measure.ZERO;
        private Measure commit = Measure.ZERO;
        private Measure commitSlipped = Measure.ZERO;
        private Tally byRep = new Tally();
        private final TreeMap<String, SlippedDeal> deals = new TreeMap<>();
        /** The listed deals as last read, until a slipped deal changes: a running figure is read far more often. */
        private List<SlippedDeal> listed;

        public void add(DealSlippage deal) {
            if (deal == null) {
                return;
            }
            if (deal.inCommit()) {
                commit = commit.plus(deal.commitAmount());
                commitSlipped = deal.slipped() ? commitSlipped.plus(deal.commitAmount()) : commitSlipped;
            }
            if (deal.slipped()) {
                BigDecimal amount = deal.detail().amount();
                slipped = slipped.plus(amount);
                twiceOrMore = deal.detail().slips() >= 2 ? twiceOrMore.plus(amount) : twiceOrMore;
                byRep.add(deal.ownerId(), amount);
                deals.put(deal.detail().opportunityId(), deal.detail());
                listed = null;
            }
        }

        public void remove(DealSlippage deal) {
            if (deal == null) {
                return;
            }
            if (deal.inCommit()) {
                commit = commit.minus(deal.commitAmount());
                commitSlipped = deal.slipped() ? commitSlipped.minus(deal.commitAmount()) : commitSlipped;
            }
            if (deal.slipped()) {
                BigDecimal amount = deal.detail().amount();
                slipped = slipped.minus(amount);
                twiceOrMore = deal.detail().slips() >= 2 ? twiceOrMore.minus(amount) : twiceOrMore;
                byRep.remove(deal.ownerId(), amount);
                deals.remove(deal.detail().opportunityId());
                listed = null;
            }
        }

        /** Adds the other's sums and deals (the parts of one placement of deals, put together into a scope's). */
        public void addAll(Accumulator other) {
            slipped = slipped.plus(other.slipped);
            twiceOrMore = twiceOrMore.plus(other.twiceOrMore);
            commit = commit.plus(other.commit);
            commitSlipped = commitSlipped.plus(other.commitSlipped);
            byRep.addAll(other.byRep);
            deals.putAll(other.deals);
            listed = null;
        }

        public Accumulator copy() {
            Accumulator copy = new Accumulator();
            copy.slipped = slipped;
            copy.twiceOrMore = twiceOrMore;
            copy.commit = commit;
            copy.commitSlipped = commitSlipped;
            copy.byRep = byRep.copy();
            copy.deals.putAll(deals);
            copy.listed = listed;
            return copy;
        }

        /** The figure; the basis is read last, once every amount of the context was converted. */
        public Slippage result(FigureContext ctx) {
            if (listed == null) {
                listed = List.copyOf(deals.values());
            }
            return new Slippage(ctx.basis(), slipped, commitSlipped.over(commit), twiceOrMore,
                    byRep.list(RepSlippage::new), listed);
        }
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
