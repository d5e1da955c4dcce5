package io.pipeline.eventsourcing.parking;

import io.pipeline.platform.parking.PoisonEvents;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles each event of a read-model batch as usual, and sees to it that an event failing on its values is parked
 * instead of failing every retry of its batch.
 *
 * <p>A failure inside a PostgreSQL transaction aborts the whole transaction, so the batch has to roll back and be
 * retried (by the processor, with its back-off). The first failure marks the event a suspect and the processor
 * careful. A careful processor handles each event inside a savepoint (as it does a suspect at any time): one that
 * fails on its values is rolled back alone and parked in the batch's transaction, and the batch goes on with the
 * next events, so a batch holding many poison events needs one retry, not one each. Once a batch committed, the
 * processor is no longer careful: batches that store cleanly pay nothing for this (no savepoint each).
 */
final class PoisonEventInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processingGroup;
    private final TransactionTemplate savepoint;
    private final EventParking parking;
    private final Serializer serializer;
    /** Ids of events whose batch failed on them; only poison events and passing failures get here, few. */
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();
    private volatile boolean careful;

    PoisonEventInterceptor(String processingGroup, PlatformTransactionManager transactions, EventParking parking,
                           Serializer serializer) {
        this.processingGroup = processingGroup;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.parking = parking;
        this.serializer = serializer;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        if (!careful && !suspects.contains(event.getIdentifier())) {
            try {
                return interceptorChain.proceed();
            } catch (Exception e) {
                if (PoisonEvents.reason(e).isPresent()) {
                    suspects.add(event.getIdentifier());
                    careful = true;
                }
                throw e;
            }
        }
        unitOfWork.afterCommit(u -> careful = false);
        try {
            Object result = savepoint.execute(status -> proceed(interceptorChain));
            suspects.remove(event.getIdentifier());
            return result;
        } catch (HandlerFailure failure) {
            Optional<String> reason = PoisonEvents.reason(failure.getCause());
            if (reason.isEmpty()) {
                throw failure.getCause();
            }
            parking.park(processingGroup, event, reason.get(), serializer, unitOfWork);
            unitOfWork.afterCommit(u -> suspects.remove(event.getIdentifier()));
            return null;
        }
    }

    private static Object proceed(InterceptorChain chain) {
        try {
            return chain.proceed();
        } catch (Exception e) {
            throw new HandlerFailure(e);
        }
    }

    /** Carries the handler's exception out of the savepoint's template, which rolls back on unchecked ones. */
    private static final class HandlerFailure extends RuntimeException {

        HandlerFailure(Exception cause) {
            super(cause);
        }

        @Override
        public synchronized Exception getCause() {
            return (Exception) super.getCause();
        }
    }
}
