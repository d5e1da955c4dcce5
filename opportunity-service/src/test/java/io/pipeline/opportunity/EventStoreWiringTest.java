package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.eventsourcing.relay.KafkaRelay;
import io.pipeline.testsupport.RealInfrastructure;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * On Boot 4, Axon's JDBC auto-configuration can silently fall back to an in-memory bus and token store. This
 * test fails if any durable part is not the one wired.
 */
@SpringBootTest
@RealInfrastructure(database = "opportunities")
class EventStoreWiringTest {

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    EventStore eventStore;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void eventsTokensAndTransactionsAreDurableOnPostgres() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void theKafkaRelayRunsInATrackingProcessorOfItsOwn() {
        assertThat(processing.eventProcessor(KafkaRelay.PROCESSING_GROUP))
                .get().isInstanceOf(TrackingEventProcessor.class);
    }
}
