package io.pipeline.eventsourcing.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.contract.EventRecords;
import io.pipeline.eventsourcing.tracing.TraceContext;
import io.pipeline.eventsourcing.web.RequestCorrelation;
import io.pipeline.platform.tracing.KafkaTracing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every stored event to Kafka, keyed by aggregate id, from a streaming processor of its own whose
 * segments split the aggregates (all events of one aggregate fall in one segment, so they leave in stored order).
 * Sends of a batch go out asynchronously through one producer and are flushed once; the batch's transaction (and so
 * its segment's token) commits only after Kafka acknowledged all of them. A failure rolls the batch back and the
 * processor retries it with backoff, so an event is never skipped, and a re-sent event carries the same event id.
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pendingSends";

    private final IntegrationEventMapper mapper;
    private final EventRecords records;
    private final RelayProducer producer;
    private final RelaySettings settings;
    private final Counter published;
    private final KafkaTracing tracing;

    public KafkaRelay(IntegrationEventMapper mapper, EventRecords records, RelayProducer producer,
                      RelaySettings settings, MeterRegistry meters, KafkaTracing tracing) {
        this.tracing = tracing;
        this.mapper = mapper;
        this.records = records;
        this.producer = producer;
        this.settings = settings;
        this.published = Counter.builder("pipeline.relay.published").description("Events acknowledged by Kafka")
                .register(meters);
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        mapper.toIntegrationEvent(message).ifPresent(event -> {
            long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0L;
            Object correlation = message.getMetaData().get(RequestCorrelation.METADATA_KEY);
            // the relay's own span for this event when one is current (EventHandlingSpans), else what was stored
            String traceparent = tracing.currentTraceparent();
            Object stored = message.getMetaData().get(TraceContext.METADATA_KEY);
            Batch batch = batch();
            Future<RecordMetadata> send = batch.session.send(records.toRecord(event, message.getIdentifier(), sequence,
                    correlation == null ? null : correlation.toString(), message.getTimestamp(),
                    traceparent != null ? traceparent : stored == null ? null : stored.toString()));
            failedAlready(batch, send);
            batch.sends.add(send);
        });
    }

    /**
     * A send refused at once (no metadata while the broker is away) ends the batch here: sending the batch's later
     * events of the same deal once the broker is back would put them on the topic before this one.
     */
    private void failedAlready(Batch batch, Future<RecordMetadata> send) {
        if (!send.isDone()) {
            return;
        }
        try {
            send.get();
        } catch (ExecutionException e) {
            producer.discard(batch.session);
            throw new RelayDeliveryException("Kafka refused a send; the batch is rolled back and retried", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayDeliveryException("Interrupted while sending to Kafka", e);
        }
    }

    /** The current batch's producer and sends: one per unit of work, so one per segment's batch. */
    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_SENDS, key -> {
            Batch batch = new Batch(producer.session(), new ArrayList<>());
            unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(batch));
            return batch;
        });
    }

    private void awaitAcknowledgements(Batch batch) {
        List<Future<RecordMetadata>> pending = batch.sends;
        batch.session.flush();
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> send : pending) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            published.increment(pending.size());
        } catch (ExecutionException | TimeoutException e) {
            producer.discard(batch.session);
            throw new RelayDeliveryException("Kafka did not acknowledge a batch of " + pending.size()
                    + " events; the batch is rolled back and retried", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayDeliveryException("Interrupted while waiting for Kafka", e);
        }
    }

    private record Batch(RelayProducer.Session session, List<Future<RecordMetadata>> sends) {
    }

    public static final class RelayDeliveryException extends RuntimeException {
        RelayDeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
