package io.pipeline.opportunity.security;

import io.pipeline.opportunity.api.DealChanged;
import io.pipeline.opportunity.api.OpportunityOpened;
import io.pipeline.platform.security.Ownership;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Whose a deal is, from its newest stored event (each carries the whole deal), not from the read model: a deal
 * opened a moment ago is already there, and a deal reassigned a moment ago is no longer its old owner's.
 */
@Component
public class DealOwnership {

    private final EventStore events;

    public DealOwnership(EventStore events) {
        this.events = events;
    }

    /** Empty when no such deal exists. */
    public Optional<Ownership> of(String opportunityId) {
        return events.lastSequenceNumberFor(opportunityId).flatMap(last -> events.readEvents(opportunityId, last)
                .asStream()
                .map(Message::getPayload)
                .map(DealOwnership::ownership)
                .flatMap(Optional::stream)
                .reduce((older, newer) -> newer));
    }

    private static Optional<Ownership> ownership(Object event) {
        if (event instanceof OpportunityOpened opened) {
            return Optional.of(new Ownership(opened.ownerId(), opened.teamId()));
        }
        if (event instanceof DealChanged changed) {
            return Optional.of(new Ownership(changed.deal().ownerId(), changed.deal().teamId()));
        }
        return Optional.empty();
    }
}
