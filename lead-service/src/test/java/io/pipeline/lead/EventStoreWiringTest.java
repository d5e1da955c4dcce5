package io.pipeline.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.eventsourcing.store.DurableWiringCheck;
import io.pipeline.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * Fails if Axon's silent in-memory fallback ever replaces a durable part of this service. Runs on the same Spring
 * context as the HTTP tests (same annotations), so the suite boots the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leads")
class EventStoreWiringTest {

    @Autowired
    ApplicationContext context;

    @Test
    void eventsTokensTransactionsAndTheRelayAreDurableOnPostgres() {
        assertThat(DurableWiringCheck.problems(context)).isEmpty();
    }
}
