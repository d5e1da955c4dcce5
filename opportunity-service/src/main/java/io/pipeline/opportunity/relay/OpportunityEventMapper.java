package io.pipeline.opportunity.relay;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.PeriodEvent;
import io.pipeline.eventsourcing.relay.IntegrationEventMapper;
import io.pipeline.opportunity.api.AmountChanged;
import io.pipeline.opportunity.api.CloseDateChanged;
import io.pipeline.opportunity.api.Deal;
import io.pipeline.opportunity.api.DealClosedLost;
import io.pipeline.opportunity.api.DealClosedWon;
import io.pipeline.opportunity.api.DealDeferred;
import io.pipeline.opportunity.api.DealReopened;
import io.pipeline.opportunity.api.ForecastCategoryOverridden;
import io.pipeline.opportunity.api.OpportunityOpened;
import io.pipeline.opportunity.api.OwnerReassigned;
import io.pipeline.opportunity.api.StageAdvanced;
import io.pipeline.opportunity.api.StageRegressed;
import io.pipeline.opportunity.period.PeriodClosed;
import io.pipeline.opportunity.period.PeriodReopened;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * The public form of opportunity-service's stored events: every one of them is public, the deals' on
 * {@code pipeline.opportunities.v1}, the fiscal quarters' closes and reopens on {@code pipeline.periods.v1}.
 */
@Component
public class OpportunityEventMapper implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> toIntegrationEvent(EventMessage<?> stored) {
        return Optional.ofNullable(toPublic(stored.getPayload()));
    }

    static IntegrationEvent toPublic(Object payload) {
        if (payload instanceof PeriodClosed e) {
            return new PeriodEvent.PeriodClosed(e.period(), e.reason(), e.at(), e.actor());
        }
        if (payload instanceof PeriodReopened e) {
            return new PeriodEvent.PeriodReopened(e.period(), e.reason(), e.at(), e.actor());
        }
        return toPublicDeal(payload);
    }

    static OpportunityEvent toPublicDeal(Object payload) {
        if (payload instanceof OpportunityOpened e) {
            return new OpportunityEvent.OpportunityOpened(toPublic(Deal.opened(e)), e.leadId(), e.occurredAt(), e.actor());
        }
        if (payload instanceof StageAdvanced e) {
            return new OpportunityEvent.StageAdvanced(toPublic(e.deal()), e.previousStage(), e.previousForecastCategory(), e.occurredAt(), e.actor());
        }
        if (payload instanceof StageRegressed e) {
            return new OpportunityEvent.StageRegressed(toPublic(e.deal()), e.previousStage(), e.previousForecastCategory(), e.occurredAt(), e.actor());
        }
        if (payload instanceof CloseDateChanged e) {
            return new OpportunityEvent.CloseDateChanged(toPublic(e.deal()), e.previousCloseDate(), e.occurredAt(), e.actor());
        }
        if (payload instanceof AmountChanged e) {
            return new OpportunityEvent.AmountChanged(toPublic(e.deal()), e.previousAmount(), e.previousCurrency(), e.occurredAt(), e.actor());
        }
        if (payload instanceof OwnerReassigned e) {
            return new OpportunityEvent.OwnerReassigned(toPublic(e.deal()), e.previousOwnerId(), e.previousTeamId(), e.previousRegionId(), e.occurredAt(), e.actor());
        }
        if (payload instanceof ForecastCategoryOverridden e) {
            return new OpportunityEvent.ForecastCategoryOverridden(toPublic(e.deal()), e.previousForecastCategory(), e.reason(), e.occurredAt(), e.actor());
        }
        if (payload instanceof DealClosedWon e) {
            return new OpportunityEvent.DealClosedWon(toPublic(e.deal()), e.previousStage(), e.previousForecastCategory(), e.occurredAt(), e.actor());
        }
        if (payload instanceof DealClosedLost e) {
            return new OpportunityEvent.DealClosedLost(toPublic(e.deal()), e.reason(), e.competitor(), e.previousStage(), e.previousForecastCategory(), e.occurredAt(), e.actor());
        }
        if (payload instanceof DealDeferred e) {
            return new OpportunityEvent.DealDeferred(toPublic(e.deal()), e.previousStage(), e.previousForecastCategory(), e.reason(), e.occurredAt(), e.actor());
        }
        if (payload instanceof DealReopened e) {
            return new OpportunityEvent.DealReopened(toPublic(e.deal()), e.previousStatus(), e.occurredAt(), e.actor());
        }
        return null;
    }

    static OpportunityEvent.Deal toPublic(Deal d) {
        return new OpportunityEvent.Deal(d.opportunityId(), d.accountId(), d.name(), d.ownerId(), d.teamId(),
                d.regionId(), d.segment(), d.type(), d.processId(), d.processVersion(), d.amount(), d.currency(),
                d.closeDate(), d.stage(), d.forecastCategory(), d.status(), d.qualified());
    }
}
