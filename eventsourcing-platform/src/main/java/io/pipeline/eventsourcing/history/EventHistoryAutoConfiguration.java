package io.pipeline.eventsourcing.history;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class EventHistoryAutoConfiguration {

    @Bean
    EventHistory eventHistory(EventStore eventStore) {
        return new EventHistory(eventStore);
    }

    @Bean
    CorrelationDataProvider importMarkProvider() {
        return EventHistory.importMarkProvider();
    }
}
