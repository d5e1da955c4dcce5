package io.pipeline.lead;

import io.pipeline.eventsourcing.parking.EventParking;
import io.pipeline.lead.query.LeadViewProjection;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.period.ClosedPeriods;
import io.pipeline.platform.period.ClosedPeriodsTopic;
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

    /**
     * The closes and reopens of fiscal quarters, decided in opportunity-service, learnt from pipeline.periods.v1:
     * a lead's back-dated command is refused in exactly the quarters a deal's is.
     * Named so that its health component is {@code closedPeriods}.
     */
    @Bean
    ClosedPeriodsTopic closedPeriodsHealthIndicator(KafkaSettings kafka, ClosedPeriods closed) {
        return new ClosedPeriodsTopic(kafka, closed);
    }

    /** A failing batch of the lead list is retried, and an event it can never store or interpret is parked. */
    @Bean
    ConfigurerModule leadViewParking(EventParking parking) {
        return configurer -> configurer.eventProcessing(processing ->
                parking.protect(processing, LeadViewProjection.PROCESSING_GROUP));
    }
}
