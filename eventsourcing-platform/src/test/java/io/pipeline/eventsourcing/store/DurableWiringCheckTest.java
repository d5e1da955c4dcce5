package io.pipeline.eventsourcing.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

class DurableWiringCheckTest {

    @Test
    void theInMemoryFallbackIsReportedPartByPart() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.registerBean(InMemoryEventStorageEngine.class);
            context.registerBean(InMemoryTokenStore.class);
            context.registerBean(NoTransactionManager.class, () -> NoTransactionManager.INSTANCE);
            context.refresh();

            assertThat(DurableWiringCheck.problems(context)).hasSize(4)
                    .anyMatch(p -> p.startsWith("EventStorageEngine is " + InMemoryEventStorageEngine.class.getName()))
                    .anyMatch(p -> p.startsWith("EventStore is missing"))
                    .anyMatch(p -> p.startsWith("TokenStore is " + InMemoryTokenStore.class.getName()))
                    .anyMatch(p -> p.startsWith("TransactionManager is " + NoTransactionManager.class.getName()));
        }
    }
}
