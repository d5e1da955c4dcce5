package io.pipeline.eventsourcing.relay;

import io.pipeline.contract.IntegrationEvent;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;

/**
 * The service's translation of its internal, stored events into the public contract: the one place where the
 * two may differ. An event that stays internal maps to empty.
 */
@FunctionalInterface
public interface IntegrationEventMapper {

    Optional<IntegrationEvent> toIntegrationEvent(EventMessage<?> stored);
}
