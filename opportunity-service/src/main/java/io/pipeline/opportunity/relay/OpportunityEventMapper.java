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
import io.pipeline.opportunity.api.DealEvent;
import io.pipeline.opportunity.api.DealReopened;
import io.pipeline.opportunity.api.ForecastCategoryOverridden;
import io.pipeline.opportunity.api.OpportunityOpened;
import io.pipeline.opportunity.api.OwnerReassigned;
import io.pipeline.opportunity.api.StageAdvanced;
import io.pipeline.opportunity.api.StageRegressed;
import io.pipeline.opportunity.period.FiscalPeriodEvent;
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

    /**
     * Every stored payload of this service is a {@link DealEvent} or a {@link FiscalPeriodEvent}; anything else is
     * a bug that must stop the relay (its error handler retries, the token does not advance) rather than be skipped
     * and never reach Kafka.
     */
    @Override
    public Optional<IntegrationEvent> toIntegrationEvent(EventMessage<?> stored) {
        Object payload = stored.getPayload();
        if (payload instanceof DealEvent deal) {
            return Optional.of(toPublicDeal(deal));
        }
        if (payload instanceof FiscalPeriodEvent period) {
            return Optional.of(period.accept(PUBLIC_PERIOD));
        }
        throw new IllegalStateException("no public form for a stored " + stored.getPayloadType().getName()
                + ": it is neither a DealEvent nor a FiscalPeriodEvent");
    }

    static OpportunityEvent toPublicDeal(DealEvent event) {
        return event.accept(PUBLIC_DEAL);
    }

    private static final FiscalPeriodEvent.Visitor<PeriodEvent> PUBLIC_PERIOD = new FiscalPeriodEvent.Visitor<>() {
        @Override
        public PeriodEvent visit(PeriodClosed e) {
            return new PeriodEvent.PeriodClosed(e.period(), e.reason(), e.at(), e.actor());
        }

        @Override
        public PeriodEvent visit(PeriodReopened e) {
            return new PeriodEvent.PeriodReopened(e.period(), e.reason(), e.at(), e.actor());
        }
    };

    /** Exhaustive over the sealed {@link DealEvent}: a new deal event fails to compile until it is mapped here. */
    private static final DealEvent.Visitor<OpportunityEvent> PUBLIC_DEAL = new DealEvent.Visitor<>() {
        @Override
        public OpportunityEvent visit(OpportunityOpened e) {
            return new OpportunityEvent.OpportunityOpened(toPublic(e.dealAfter()), e.leadId(), e.occurredAt(),
                    e.actor());
        }

        @Override
        public OpportunityEvent visit(StageAdvanced e) {
            return new OpportunityEvent.StageAdvanced(toPublic(e.deal()), e.previousStage(),
                    e.previousForecastCategory(), e.occurredAt(), e.actor());
        }

        @Override
        public OpportunityEvent visit(StageRegressed e) {
            return new OpportunityEvent.StageRegressed(toPublic(e.deal()), e.previousStage(),
                    e.previousForecastCategory(), e.occurredAt(), e.actor());
        }

        @Override
        public OpportunityEvent visit(CloseDateChanged e) {
            return new OpportunityEvent.CloseDateChanged(toPublic(e.deal()), e.previousCloseDate(), e.occurredAt(),
                    e.actor());
        }

        @Override
        public OpportunityEvent visit(AmountChanged e) {
            return new OpportunityEvent.AmountChanged(toPublic(e.deal()), e.previousAmount(), e.previousCurrency(),
                    e.occurredAt(), e.actor());
        }

        @Override
        public OpportunityEvent visit(OwnerReassigned e) {
            return new OpportunityEvent.OwnerReassigned(toPublic(e.deal()), e.previousOwnerId(), e.previousTeamId(),
                    e.previousRegionId(), e.occurredAt(), e.actor());
        }

        @Override
        public OpportunityEvent visit(ForecastCategoryOverridden e) {
            return new OpportunityEvent.ForecastCategoryOverridden(toPublic(e.deal()), e.previousForecastCategory(),
                    e.reason(), e.occurredAt(), e.actor());
        }

        @Override
        public OpportunityEvent visit(DealClosedWon e) {
            return new OpportunityEvent.DealClosedWon(toPublic(e.deal()), e.previousStage(),
                    e.previousForecastCategory(), e.occurredAt(), e.actor());
        }

        @Override
        public OpportunityEvent visit(DealClosedLost e) {
            return new OpportunityEvent.DealClosedLost(toPublic(e.deal()), e.reason(), e.competitor(),
                    e.previousStage(), e.previousForecastCategory(), e.occurredAt(), e.actor());
        }

        @Override
        public OpportunityEvent visit(DealDeferred e) {
            return new OpportunityEvent.DealDeferred(toPublic(e.deal()), e.previousStage(),
                    e.previousForecastCategory(), e.reason(), e.occurredAt(), e.actor());
        }

        @Override
        public OpportunityEvent visit(DealReopened e) {
            return new OpportunityEvent.DealReopened(toPublic(e.deal()), e.previousStatus(), e.occurredAt(),
                    e.actor());
        }
    };

    static OpportunityEvent.Deal toPublic(Deal d) {
        return new OpportunityEvent.Deal(d.opportunityId(), d.accountId(), d.name(), d.ownerId(), d.teamId(),
                d.regionId(), d.segment(), d.type(), d.processId(), d.processVersion(), d.amount(), d.currency(),
                d.closeDate(), d.stage(), d.forecastCategory(), d.status(), d.qualified());
    }
}
