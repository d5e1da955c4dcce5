package io.pipeline.eventsourcing.store;

import io.pipeline.eventsourcing.relay.KafkaRelay;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;

/**
 * Refuses to start a service whose events, tokens or transactions would not be durable: Axon's auto-configuration
 * on Boot 4 can fall back to an in-memory bus and token store without an error, losing events on restart.
 */
public class DurableWiringCheck implements SmartInitializingSingleton {

    private final ApplicationContext context;

    public DurableWiringCheck(ApplicationContext context) {
        this.context = context;
    }

    /** What is not durable, in words; empty when everything is. */
    public static List<String> problems(ApplicationContext context) {
        List<String> problems = new ArrayList<>();
        expect(problems, context, EventStorageEngine.class, JdbcEventStorageEngine.class);
        expect(problems, context, EventStore.class, EmbeddedEventStore.class);
        expect(problems, context, TokenStore.class, JdbcTokenStore.class);
        expect(problems, context, TransactionManager.class, SpringTransactionManager.class);
        context.getBeanProvider(KafkaRelay.class).ifAvailable(relay -> {
            var processor = context.getBean(EventProcessingConfiguration.class).eventProcessor(KafkaRelay.PROCESSING_GROUP);
            if (processor.isEmpty() || !(processor.get() instanceof StreamingEventProcessor)) {
                problems.add("the Kafka relay is not running in its own streaming processor: " + processor);
            }
        });
        return problems;
    }

    private static void expect(List<String> problems, ApplicationContext context, Class<?> role, Class<?> durable) {
        Object bean = context.getBeanProvider(role).getIfAvailable();
        if (!durable.isInstance(bean)) {
            problems.add(role.getSimpleName() + " is " + (bean == null ? "missing" : bean.getClass().getName())
                    + ", not " + durable.getSimpleName());
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = problems(context);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Event storage is not durable, refusing to start: " + problems
                    + ". Check that a DataSource is configured and PostgresEventStoreAutoConfiguration is active.");
        }
    }
}
