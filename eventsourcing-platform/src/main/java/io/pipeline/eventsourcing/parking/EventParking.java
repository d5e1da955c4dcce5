package io.pipeline.eventsourcing.parking;

import io.pipeline.contract.EventHeaders;
import io.pipeline.platform.kafka.DeadLetters;
import io.pipeline.platform.parking.ParkedEvents;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Parks the events a read-model processor cannot store or interpret, so that one poison event (a NUL byte in a
 * region, a value longer than its column) never stops a read model. "Parked" is, for an Axon processor, a row in
 * {@code parked_event} written in the batch's own transaction, so it commits exactly when the processor's token
 * moves past the event (a retried batch parks nothing twice), and, once that transaction committed, a copy on the
 * dead-letter topic, where the Kafka consumers' parked records are too, so operators have one place to look.
 */
public class EventParking {

    private static final Logger log = LoggerFactory.getLogger(EventParking.class);
    /** Where an event store's dead letter comes from, in place of a topic. */
    public static final String SOURCE = "event-store";

    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final DeadLetters deadLetters;
    private final ParkedEvents parked;

    public EventParking(JdbcTemplate jdbc, PlatformTransactionManager transactions, DeadLetters deadLetters,
                        ParkedEvents parked) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.parked = parked;
    }

    /**
     * Makes {@code processingGroup}'s failures reach the batch (instead of Axon's default of logging and moving on
     * inside a transaction PostgreSQL has already aborted) and parks its poison events.
     */
    public void protect(EventProcessingConfigurer processing, String processingGroup) {
        processing.registerListenerInvocationErrorHandler(processingGroup, c -> PropagatingErrorHandler.instance())
                .registerHandlerInterceptor(processingGroup,
                        c -> new PoisonEventInterceptor(processingGroup, transactions, this, c.eventSerializer()));
    }

    /** Inside the batch's transaction: remember the event as parked; once committed, dead-letter and count it. */
    void park(String processingGroup, EventMessage<?> event, String reason, Serializer serializer,
              org.axonframework.messaging.unitofwork.UnitOfWork<?> unitOfWork) {
        Long position = event instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
        String type = event.getPayloadType().getName();
        int inserted = jdbc.update("""
                insert into parked_event (processing_group, event_id, global_index, payload_type, reason)
                values (?, ?, ?, ?, ?) on conflict do nothing""",
                processingGroup, storable(event.getIdentifier(), 100), position, storable(type, 300),
                storable(reason, 2000));
        if (inserted == 0) {
            return;
        }
        unitOfWork.afterCommit(u -> {
            log.warn("Parked event {} ({}) of {} at {}: {}", event.getIdentifier(), type, processingGroup, position,
                    reason);
            parked.parked(processingGroup, reason);
            try {
                deadLetters.park(key(event), serializer.serialize(event.getPayload(), byte[].class).getData(),
                        headers(event, type), reason, SOURCE + "/" + processingGroup, position == null ? -1 : position);
            } catch (RuntimeException e) {
                log.error("Event {} is parked in parked_event but could not be copied to the dead-letter topic",
                        event.getIdentifier(), e);
            }
        });
    }

    private static byte[] key(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier().getBytes(StandardCharsets.UTF_8) : null;
    }

    private static Iterable<Header> headers(EventMessage<?> event, String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.ID, event.getIdentifier().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        if (event instanceof DomainEventMessage<?> domain) {
            headers.add(EventHeaders.SEQUENCE,
                    Long.toString(domain.getSequenceNumber()).getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** What PostgreSQL can keep of a value that may be the poison itself: no NUL, at most {@code max} characters. */
    private static String storable(String value, int max) {
        String clean = value.replace('\u0000', '\uFFFD');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
