package io.pipeline.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Events of {@link Topics#OPPORTUNITIES}. Each names the deal's state after the change ({@link Deal}) and, where
 * something changed, the value before it. Amounts are decimal strings in the deal's currency.
 */
public sealed interface OpportunityEvent extends IntegrationEvent {

    Deal deal();

    @Override
    default String subject() {
        return deal().opportunityId();
    }

    @Override
    default String topic() {
        return Topics.OPPORTUNITIES;
    }

    /**
     * A deal as it stands after an event.
     *
     * @param segment          ENTERPRISE, MID_MARKET or SMB
     * @param type             NEW_BUSINESS, EXPANSION or RENEWAL
     * @param forecastCategory PIPELINE, BEST_CASE, COMMIT, CLOSED or OMITTED (after any override)
     * @param status           OPEN, WON, LOST or DEFERRED
     * @param qualified        whether the deal ever reached its process's first qualified stage
     */
    record Deal(String opportunityId, String accountId, String name, String ownerId, String teamId, String regionId,
                String segment, String type, String processId, int processVersion,
                @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency,
                LocalDate closeDate, String stage, String forecastCategory, String status, boolean qualified) {
    }

    record OpportunityOpened(Deal deal, String leadId, Instant occurredAt, String actor) implements OpportunityEvent {
    }

    record StageAdvanced(Deal deal, String previousStage, String previousForecastCategory, Instant occurredAt,
                         String actor) implements OpportunityEvent {
    }

    record StageRegressed(Deal deal, String previousStage, String previousForecastCategory, Instant occurredAt,
                          String actor) implements OpportunityEvent {
    }

    record CloseDateChanged(Deal deal, LocalDate previousCloseDate, Instant occurredAt, String actor)
            implements OpportunityEvent {
    }

    record AmountChanged(Deal deal, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousAmount,
                         String previousCurrency, Instant occurredAt, String actor) implements OpportunityEvent {
    }

    record OwnerReassigned(Deal deal, String previousOwnerId, String previousTeamId, String previousRegionId,
                           Instant occurredAt, String actor) implements OpportunityEvent {
    }

    record ForecastCategoryOverridden(Deal deal, String previousForecastCategory, String reason, Instant occurredAt,
                                      String actor) implements OpportunityEvent {
    }

    record DealClosedWon(Deal deal, String previousStage, String previousForecastCategory, Instant occurredAt,
                         String actor) implements OpportunityEvent {
    }

    /** @param reason COMPETITION, NO_DECISION or UNKNOWN (history imported from a CRM that says only "lost") */
    record DealClosedLost(Deal deal, String reason, String competitor, String previousStage,
                          String previousForecastCategory, Instant occurredAt, String actor) implements OpportunityEvent {
    }

    record DealDeferred(Deal deal, String previousStage, String previousForecastCategory, String reason,
                        Instant occurredAt, String actor) implements OpportunityEvent {
    }

    record DealReopened(Deal deal, String previousStatus, Instant occurredAt, String actor) implements OpportunityEvent {
    }
}
