package io.pipeline.lead.relay;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.LeadEvent.Lead;
import io.pipeline.eventsourcing.relay.IntegrationEventMapper;
import io.pipeline.lead.api.LeadAccepted;
import io.pipeline.lead.api.LeadCaptured;
import io.pipeline.lead.api.LeadConverted;
import io.pipeline.lead.api.LeadDisqualified;
import io.pipeline.lead.api.LeadLifecycleEvent;
import io.pipeline.lead.api.LeadMarketingQualified;
import io.pipeline.lead.api.LeadNurtured;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.lead.api.LeadQualified;
import io.pipeline.lead.api.LeadRecycled;
import io.pipeline.lead.api.LeadRejected;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * The public form of lead-service's stored events. The person's name, email and the qualification answers stay
 * internal: the funnel needs the lead's place, not personal data.
 */
@Component
public class LeadEventMapper implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> toIntegrationEvent(EventMessage<?> stored) {
        return stored.getPayload() instanceof LeadLifecycleEvent event ? Optional.of(toPublic(event)) : Optional.empty();
    }

    static LeadEvent toPublic(LeadLifecycleEvent event) {
        Lead lead = lead(event);
        if (event instanceof LeadCaptured) {
            return new LeadEvent.LeadCaptured(lead, event.occurredAt(), event.actor());
        }
        if (event instanceof LeadNurtured e) {
            return new LeadEvent.LeadNurtured(lead, e.previousState().name(), e.occurredAt(), e.actor());
        }
        if (event instanceof LeadMarketingQualified e) {
            return new LeadEvent.LeadMarketingQualified(lead, e.score(), e.occurredAt(), e.actor());
        }
        if (event instanceof LeadQualified e) {
            return new LeadEvent.LeadQualified(lead, e.framework().name(), e.occurredAt(), e.actor());
        }
        if (event instanceof LeadAccepted e) {
            return new LeadEvent.LeadAccepted(lead, e.acceptedBy(), e.occurredAt(), e.actor());
        }
        if (event instanceof LeadRejected e) {
            return new LeadEvent.LeadRejected(lead, e.previousState().name(), e.reason(), e.occurredAt(), e.actor());
        }
        if (event instanceof LeadDisqualified e) {
            return new LeadEvent.LeadDisqualified(lead, e.previousState().name(), e.reason(), e.occurredAt(),
                    e.actor());
        }
        if (event instanceof LeadRecycled e) {
            return new LeadEvent.LeadRecycled(lead, e.previousState().name(), e.occurredAt(), e.actor());
        }
        LeadConverted e = (LeadConverted) event;
        return new LeadEvent.LeadConverted(lead, e.opportunityId(), e.accountId(), e.accountName(),
                e.opportunityName(), e.amount(), e.currency(), e.closeDate(), e.occurredAt(), e.actor());
    }

    private static Lead lead(LeadLifecycleEvent event) {
        LeadProfile p = event.profile();
        return new Lead(event.leadId(), p.company(), p.source().name(), p.ownerId(), p.teamId(), p.regionId(),
                p.segment().name(), event.state().name());
    }
}
