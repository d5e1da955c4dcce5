package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.util.List;

/**
 * Figures 4, 5, 7 and 8 over the qualified deals (those that reached the first qualified stage) in scope whose
 * close date, as of t, is in the period.
 *
 * @param closeRate                  won / (won + lost to competition + lost to no decision + lost for an unknown
 *                                   reason): imported "lost" without a reason counts in close rates (DOMAIN.md)
 * @param winRate                    won / (won + lost to competition)
 * @param slippageAdjustedCloseRate  won / (won + every loss + slipped out of P)
 * @param requiredCoverage           1 / close rate, computed from the totals (not the rounded rate)
 * @param requiredCoverageSlippageAdjusted 1 / slippage-adjusted close rate
 * @param closeRateByTeam            the close rate of each team of the scope, from the same pass (a BI team asks
 *                                   for it by team in one query, not one query per team)
 */
public record CloseRates(Basis basis, Measure won, Measure lostToCompetition, Measure lostToNoDecision,
                         Measure lostUnknownReason, Measure slipped, Ratio closeRate, Ratio winRate,
                         Ratio slippageAdjustedCloseRate, Ratio requiredCoverage,
                         Ratio requiredCoverageSlippageAdjusted, List<WinRate> winRateBySegment,
                         List<WinRate> winRateByTeam, List<CompetitorLosses> lossesByCompetitor,
                         List<TeamCloseRate> closeRateByTeam) {

    /**
     * The same figure without the lists by team (a trend's other periods need only the org's rates; a large org's
     * teams make the answer about a megabyte).
     */
    public CloseRates withoutTeams() {
        return new CloseRates(basis, won, lostToCompetition, lostToNoDecision, lostUnknownReason, slipped, closeRate,
                winRate, slippageAdjustedCloseRate, requiredCoverage, requiredCoverageSlippageAdjusted,
                winRateBySegment, List.of(), lossesByCompetitor, List.of());
    }

    static final String COMPETITION = "COMPETITION";
    static final String NO_DECISION = "NO_DECISION";

    public record WinRate(String key, Measure won, Measure lostToCompetition, Ratio winRate) {
    }

    /** A team's won / (won + every loss), qualified deals with close date in P, by amount and count. */
    public record TeamCloseRate(String team, Measure won, Measure lost, Ratio closeRate) {
    }

    /**
     * Wins do not name the competitor they were won against (the contract's DealClosedWon has no competitor), so
     * per competitor only the losses can be told.
     */
    public record CompetitorLosses(String competitor, Measure lost) {
    }

    /**
     * What one qualified deal in scope adds to the figure as of t: its state then (whose team the query's
     * organisation reads), how it closed in P if it did, and whether it slipped out of P.
     *
     * @param outcome     WON, or the loss reason (COMPETITION, NO_DECISION, UNKNOWN); null when it did not close
     *                    with a close date in P
     * @param amount      its amount in the reporting currency when it closed (null: no rate)
     * @param slippedOut  whether it slipped out of P; {@code slippedAmount} the amount it last stood open in P at
     */
    public record DealOutcome(DealState now, String outcome, BigDecimal amount, String competitor,
                              boolean slippedOut, BigDecimal slippedAmount) {
    }

    public static CloseRates of(List<DealHistory> deals, FigureContext ctx) {
        Accumulator rates = new Accumulator();
        for (DealHistory deal : deals) {
            rates.add(contribution(deal, ctx), ctx);
        }
        return rates.result(ctx);
    }

    /** The deal's part as of t; null when it adds nothing (not yet, not in scope, not qualified, nothing in P). */
    public static DealOutcome contribution(DealHistory deal, FigureContext ctx) {
        // the deal as of t first (a binary search in the index's timeline): most deals are decided by it alone
        DealState now = deal.stateAt(ctx.asOf());
        if (now == null || !ctx.inScope(now) || !now.qualified()) {
            return null;
        }
        boolean slippedOut = false;
        BigDecimal slippedAmount = null;
        // only a deal due after P as of t can have slipped: only its history is walked
        if (!now.closeDate().isBefore(ctx.period().end())) {
            Slippage.DealSlip slip = Slippage.analyse(deal, ctx);
            if (slip.slipped(ctx)) {
                slippedOut = true;
                slippedAmount = ctx.amount(deal.opportunityId(), slip.lastOpenInPeriod());
            }
        }
        if (!ctx.period().contains(now.closeDate()) || !(now.won() || now.lost())) {
            return slippedOut ? new DealOutcome(now, null, null, null, true, slippedAmount) : null;
        }
        BigDecimal amount = ctx.amount(deal.opportunityId(), now);
        if (now.won()) {
            return new DealOutcome(now, "WON", amount, null, slippedOut, slippedAmount);
        }
        DealEvent loss = lastLoss(deal, ctx.asOf());
        return new DealOutcome(now, loss.lostReason() == null ? "UNKNOWN" : loss.lostReason(), amount,
                loss.competitor(), slippedOut, slippedAmount);
    }

    /**
     * The parts of the deals of one placement (one owner, team, region and segment), kept running by the index as
     * deals change: a scope's figure adds up those of its placements ({@link Accumulator#addPlaced}), reading each
     * placement's team through the query's organisation.
     */
    public static final class PlacedOutcomes {

        private final Tally outcomes = new Tally();
        private final Tally byCompetitor = new Tally();
        private Measure slipped = Measure.ZERO;

        public void add(DealOutcome deal) {
            if (deal == null) {
                return;
            }
            if (deal.slippedOut()) {
                slipped = slipped.plus(deal.slippedAmount());
            }
            if (deal.outcome() != null) {
                outcomes.add(deal.outcome(), deal.amount());
                if (COMPETITION.equals(deal.outcome())) {
                    byCompetitor.add(deal.competitor(), deal.amount());
                }
            }
        }

        /** Adds the other's outcomes (the deals of one placement, put together into a scope's). */
        public void addAll(PlacedOutcomes other) {
            slipped = slipped.plus(other.slipped);
            outcomes.addAll(other.outcomes);
            byCompetitor.addAll(other.byCompetitor);
        }

        /** Takes back one {@link #add} exactly. */
        public void remove(DealOutcome deal) {
            if (deal == null) {
                return;
            }
            if (deal.slippedOut()) {
                slipped = slipped.minus(deal.slippedAmount());
            }
            if (deal.outcome() != null) {
                outcomes.remove(deal.outcome(), deal.amount());
                if (COMPETITION.equals(deal.outcome())) {
                    byCompetitor.remove(deal.competitor(), deal.amount());
                }
            }
        }
    }

    /**
     * The figure as deals' parts are added: the one way it is summed, over a query's deals or over the parts the
     * index keeps. A deal's team is read through the query's organisation when it is added.
     */
    public static final class Accumulator {

        private final Tally outcomes = new Tally();
        private final Tally wonBySegment = new Tally();
        private final Tally lostBySegment = new Tally();
        private final Tally wonByTeam = new Tally();
        private final Tally lostByTeam = new Tally();
        private final Tally everyLossByTeam = new Tally();
        private final Tally byCompetitor = new Tally();
        private Measure slipped = Measure.ZERO;

        public void add(DealOutcome deal, FigureContext ctx) {
            if (deal == null) {
                return;
            }
            if (deal.slippedOut()) {
                slipped = slipped.plus(deal.slippedAmount());
            }
            if (deal.outcome() == null) {
                return;
            }
            DealState now = deal.now();
            String team = ctx.hierarchy().teamOf(now);
            outcomes.add(deal.outcome(), deal.amount());
            if ("WON".equals(deal.outcome())) {
                wonBySegment.add(now.segment(), deal.amount());
                wonByTeam.add(team, deal.amount());
                return;
            }
            everyLossByTeam.add(team, deal.amount());
            if (COMPETITION.equals(deal.outcome())) {
                lostBySegment.add(now.segment(), deal.amount());
                lostByTeam.add(team, deal.amount());
                byCompetitor.add(deal.competitor(), deal.amount());
            }
        }

        /** Adds the other's sums (a slice of the deals, scanned apart). */
        public void addAll(Accumulator other) {
            slipped = slipped.plus(other.slipped);
            outcomes.addAll(other.outcomes);
            wonBySegment.addAll(other.wonBySegment);
            lostBySegment.addAll(other.lostBySegment);
            wonByTeam.addAll(other.wonByTeam);
            lostByTeam.addAll(other.lostByTeam);
            everyLossByTeam.addAll(other.everyLossByTeam);
            byCompetitor.addAll(other.byCompetitor);
        }

        /** Adds the parts of one placement's deals, all of them in {@code team} and {@code segment}. */
        public void addPlaced(PlacedOutcomes part, String team, String segment) {
            slipped = slipped.plus(part.slipped);
            outcomes.addAll(part.outcomes);
            byCompetitor.addAll(part.byCompetitor);
            Measure won = part.outcomes.get("WON");
            Measure competition = part.outcomes.get(COMPETITION);
            Measure lost = competition.plus(part.outcomes.get(NO_DECISION)).plus(part.outcomes.get("UNKNOWN"));
            // a key is listed only once a deal adds to it, as when the deals are added one by one
            if (won.count() > 0) {
                wonBySegment.add(segment, won);
                wonByTeam.add(team, won);
            }
            if (lost.count() > 0) {
                everyLossByTeam.add(team, lost);
            }
            if (competition.count() > 0) {
                lostBySegment.add(segment, competition);
                lostByTeam.add(team, competition);
            }
        }

        /** The figure; the basis is read last, once every amount of the context was converted. */
        public CloseRates result(FigureContext ctx) {
            Measure won = outcomes.get("WON");
            Measure competition = outcomes.get(COMPETITION);
            Measure allLost = competition.plus(outcomes.get(NO_DECISION)).plus(outcomes.get("UNKNOWN"));
            Ratio closeRate = won.over(won.plus(allLost));
            Ratio adjusted = won.over(won.plus(allLost).plus(slipped));
            return new CloseRates(ctx.basis(), won, competition, outcomes.get(NO_DECISION), outcomes.get("UNKNOWN"),
                    slipped, closeRate, won.over(won.plus(competition)), adjusted, won.plus(allLost).over(won),
                    won.plus(allLost).plus(slipped).over(won), winRates(wonBySegment, lostBySegment),
                    winRates(wonByTeam, lostByTeam), byCompetitor.list(CompetitorLosses::new),
                    closeRates(wonByTeam, everyLossByTeam));
        }
    }

    private static List<TeamCloseRate> closeRates(Tally won, Tally lost) {
        java.util.Set<String> keys = new java.util.TreeSet<>(won.keys());
        keys.addAll(lost.keys());
        return keys.stream().map(k -> new TeamCloseRate(k, won.get(k), lost.get(k), won.get(k).over(won.get(k)
                .plus(lost.get(k))))).toList();
    }

    private static List<WinRate> winRates(Tally won, Tally lost) {
        java.util.Set<String> keys = new java.util.TreeSet<>(won.keys());
        keys.addAll(lost.keys());
        return keys.stream().map(k -> new WinRate(k, won.get(k), lost.get(k), won.get(k).over(won.get(k)
                .plus(lost.get(k))))).toList();
    }

    /** The loss that closed the deal as it stood at t (a lost deal has one; an imported one may lack a reason). */
    private static DealEvent lastLoss(DealHistory deal, java.time.Instant asOf) {
        List<DealEvent> known = deal.asOf(asOf);
        for (int i = known.size() - 1; i >= 0; i--) {
            if (known.get(i).kind() == DealEvent.Kind.CLOSED_LOST) {
                return known.get(i);
            }
        }
        return new DealEvent(deal.opportunityId(), -1, DealEvent.Kind.CLOSED_LOST, asOf, null, null, null);
    }
}
