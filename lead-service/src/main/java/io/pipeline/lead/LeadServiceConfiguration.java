package io.pipeline.lead;

import io.pipeline.eventsourcing.parking.EventParking;
import io.pipeline.lead.query.LeadViewProjection;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LeadServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A failing batch of the lead list is retried, and an event it can never store or interpret is parked. */
    @Bean
    ConfigurerModule leadViewParking(EventParking parking) {
        return configurer -> configurer.eventProcessing(processing ->
                parking.protect(processing, LeadViewProjection.PROCESSING_GROUP));
    }
}
