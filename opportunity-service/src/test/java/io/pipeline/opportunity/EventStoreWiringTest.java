package io.pipeline.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.eventsourcing.store.DurableWiringCheck;
import io.pipeline.opportunity.query.OpportunityProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Fails if Axon's silent in-memory fallback ever replaces a durable part of this service. */
class EventStoreWiringTest extends HttpTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void eventsTokensTransactionsAndTheRelayAreDurableOnPostgres() {
        assertThat(DurableWiringCheck.problems(context)).isEmpty();
    }

    @Test
    void theReadModelHasATrackingProcessorOfItsOwnAndDealsAreCached() {
        assertThat(context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(OpportunityProjection.PROCESSING_GROUP)).get().isInstanceOf(TrackingEventProcessor.class);
        assertThat(context.getBean("opportunityRepository")).isInstanceOf(CachingEventSourcingRepository.class);
    }
}
