package io.pipeline.forecast.figures;

import java.time.Instant;
import java.util.Locale;

/**
 * One opportunity event as the figures need it: what kind of change, when it happened in business time, and the
 * deal after it. The value before the change is the previous event's {@link DealState}.
 *
 * @param lostReason COMPETITION, NO_DECISION or UNKNOWN on a {@link Kind#CLOSED_LOST}, else null
 */
public record DealEvent(String opportunityId, long sequence, Kind kind, Instant occurredAt, DealState after,
                        String lostReason, String competitor) {

    public enum Kind {
        OPENED("OpportunityOpened"), STAGE_ADVANCED("StageAdvanced"), STAGE_REGRESSED("StageRegressed"),
        CLOSE_DATE_CHANGED("CloseDateChanged"), AMOUNT_CHANGED("AmountChanged"), OWNER_REASSIGNED("OwnerReassigned"),
        CATEGORY_OVERRIDDEN("ForecastCategoryOverridden"), CLOSED_WON("DealClosedWon"), CLOSED_LOST("DealClosedLost"),
        DEFERRED("DealDeferred"), REOPENED("DealReopened");

        private final String contractName;

        Kind(String contractName) {
            this.contractName = contractName;
        }

        /** Reads a contract type name, with or without its {@code pipeline.opportunity.} prefix. */
        public static Kind ofType(String type) {
            String simple = type.substring(type.lastIndexOf('.') + 1);
            for (Kind kind : values()) {
                if (kind.contractName.equals(simple)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("not an opportunity event type: " + type);
        }

        public String contractName() {
            return contractName;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
