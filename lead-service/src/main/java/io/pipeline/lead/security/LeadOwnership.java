package io.pipeline.lead.security;

import io.pipeline.lead.api.LeadLifecycleEvent;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.platform.security.Ownership;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Whose a lead is, from its newest stored event (each carries the whole profile), not from the read model: a
 * lead captured a moment ago is already there, and a lead handed over a moment ago is no longer its old owner's.
 */
@Component
public class LeadOwnership {

    private final EventStore events;

    public LeadOwnership(EventStore events) {
        this.events = events;
    }

    /** Empty when no such lead exists. */
    public Optional<Ownership> of(String leadId) {
        return events.lastSequenceNumberFor(leadId).flatMap(last -> events.readEvents(leadId, last).asStream()
                .map(Message::getPayload)
                .filter(LeadLifecycleEvent.class::isInstance)
                .map(event -> ((LeadLifecycleEvent) event).profile())
                .reduce((older, newer) -> newer)
                .map(LeadOwnership::ownership));
    }

    private static Ownership ownership(LeadProfile profile) {
        return new Ownership(profile.ownerId(), profile.teamId());
    }
}
