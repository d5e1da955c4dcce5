package io.pipeline.lead.relay;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.eventsourcing.relay.IntegrationEventMapper;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/** The public form of lead-service's stored events. */
@Component
public class LeadEventMapper implements IntegrationEventMapper {

    @Override
    public Optional<IntegrationEvent> toIntegrationEvent(EventMessage<?> stored) {
        return Optional.empty();
    }
}
