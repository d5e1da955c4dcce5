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

    /**
     * Every stored payload of this service is a {@link LeadLifecycleEvent}; anything else is a bug that must stop the
     * relay (its error handler retries, the token does not advance) rather than be skipped and never reach Kafka.
     */
    @Override
    public Optional<IntegrationEvent> toIntegrationEvent(EventMessage<?> stored) {
        if (stored.getPayload() instanceof LeadLifecycleEvent event) {
            return Optional.of(toPublic(event));
        }
        throw new IllegalStateException("no public form for a stored " + stored.getPayloadType().getName()
                + ": it is not a LeadLifecycleEvent");
    }

    /** Exhaustive over the sealed {@link LeadLifecycleEvent}: a new lead event fails to compile until mapped. */
    static LeadEvent toPublic(LeadLifecycleEvent event) {
        return event.accept(new PublicForm(lead(event)));
    }

    /** The public event of one stored event, whose lead (the part every lead event shares) is already mapped. */
    private record PublicForm(Lead lead) implements LeadLifecycleEvent.Visitor<LeadEvent> {

        @Override
        public LeadEvent visit(LeadCaptured e) {
            return new LeadEvent.LeadCaptured(lead, e.occurredAt(), e.actor());
        }

        @Override
        public LeadEvent visit(LeadNurtured e) {
            return new LeadEvent.LeadNurtured(lead, e.previousState().name(), e.occurredAt(), e.actor());
        }

        @Override
        public LeadEvent visit(LeadMarketingQualified e) {
            return new LeadEvent.LeadMarketingQualified(lead, e.score(), e.occurredAt(), e.actor());
        }

        @Override
        public LeadEvent visit(LeadQualified e) {
            return new LeadEvent.LeadQualified(lead, e.framework().name(), e.occurredAt(), e.actor());
        }

        @Override
        public LeadEvent visit(LeadAccepted e) {
            return new LeadEvent.LeadAccepted(lead, e.acceptedBy(), e.occurredAt(), e.actor());
        }

        @Override
        public LeadEvent visit(LeadRejected e) {
            return new LeadEvent.LeadRejected(lead, e.previousState().name(), e.reason(), e.occurredAt(), e.actor());
        }

        @Override
        public LeadEvent visit(LeadDisqualified e) {
            return new LeadEvent.LeadDisqualified(lead, e.previousState().name(), e.reason(), e.occurredAt(),
                    e.actor());
        }

        @Override
        public LeadEvent visit(LeadRecycled e) {
            return new LeadEvent.LeadRecycled(lead, e.previousState().name(), e.occurredAt(), e.actor());
        }

        @Override
        public LeadEvent visit(LeadConverted e) {
            return new LeadEvent.LeadConverted(lead, e.opportunityId(), e.accountId(), e.accountName(),
                    e.opportunityName(), e.amount(), e.currency(), e.closeDate(), e.occurredAt(), e.actor());
        }
    }

    private static Lead lead(LeadLifecycleEvent event) {
        LeadProfile p = event.profile();
        return new Lead(event.leadId(), p.company(), p.source().name(), p.ownerId(), p.teamId(), p.regionId(),
                p.segment().name(), event.state().name());
    }
}
