package io.pipeline.simulator;

import io.pipeline.contract.OpportunityEvent;
import java.util.Optional;

/** How a deal closes. */
public enum Outcome {
    WON, LOST_TO_COMPETITION, LOST_NO_DECISION, DEFERRED;

    static Outcome draw(java.util.SplittableRandom random, SimulationConfig.Outcomes rates, boolean deferralAllowed) {
        double deferred = deferralAllowed ? rates.deferred() : 0;
        double point = random.nextDouble() * (rates.win() + rates.lostToCompetition() + rates.lostNoDecision() + deferred);
        if ((point -= rates.win()) < 0) {
            return WON;
        }
        if ((point -= rates.lostToCompetition()) < 0) {
            return LOST_TO_COMPETITION;
        }
        return point < rates.lostNoDecision() ? LOST_NO_DECISION : DEFERRED;
    }

    /** The outcome a closing event records; empty for any other event. */
    public static Optional<Outcome> of(OpportunityEvent event) {
        if (event instanceof OpportunityEvent.DealClosedWon) {
            return Optional.of(WON);
        }
        if (event instanceof OpportunityEvent.DealClosedLost lost) {
            return Optional.of("COMPETITION".equals(lost.reason()) ? LOST_TO_COMPETITION : LOST_NO_DECISION);
        }
        if (event instanceof OpportunityEvent.DealDeferred) {
            return Optional.of(DEFERRED);
        }
        return Optional.empty();
    }
}
