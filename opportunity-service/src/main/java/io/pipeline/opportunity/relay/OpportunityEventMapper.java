package io.pipeline.opportunity.relay;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import io.pipeline.eventsourcing.relay.IntegrationEventMapper;
import io.pipeline.opportunity.api.OpportunityOpened;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/** The public form of opportunity-service's stored events. */
@Component
public class OpportunityEventMapper implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> toIntegrationEvent(EventMessage<?> stored) {
        Object payload = stored.getPayload();
        if (payload instanceof OpportunityOpened e) {
            Deal deal = new Deal(e.opportunityId(), e.accountId(), e.name(), e.ownerId(), e.teamId(), e.regionId(),
                    e.segment(), e.type(), e.processId(), e.processVersion(), e.amount(), e.currency(), e.closeDate(),
                    e.stage(), e.forecastCategory(), "OPEN", e.qualified());
            return Optional.of(new OpportunityEvent.OpportunityOpened(deal, e.leadId(), e.occurredAt(), e.actor()));
        }
        return Optional.empty();
    }
}
