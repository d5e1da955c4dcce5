package io.pipeline.opportunity.config;

import io.pipeline.eventsourcing.parking.EventParking;
import io.pipeline.opportunity.consumer.LeadConversionConsumer;
import io.pipeline.opportunity.consumer.LeadConversions;
import io.pipeline.opportunity.process.JdbcSalesProcessCatalog;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.period.ClosedPeriods;
import io.pipeline.platform.period.ClosedPeriodsTopic;
import io.pipeline.platform.tracing.KafkaTracing;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.query.OpportunityProjection;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpportunitySettings.class)
public class OpportunityServiceConfiguration {

    /**
     * The closes and reopens decided through any instance, learnt from pipeline.periods.v1: with two or more
     * instances, the one that did not take the close refuses back-dated commands into that quarter too (the deciding
     * one knows at once; the newest decision wins, so hearing one's own decision again changes nothing).
     * Named so that its health component is {@code closedPeriods}.
     */
    @Bean
    ClosedPeriodsTopic closedPeriodsHealthIndicator(KafkaSettings kafka, ClosedPeriods closed) {
        return new ClosedPeriodsTopic(kafka, closed);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Named so that its health component is {@code leadConversions} (the bean of that name opens the deals). */
    @Bean
    @ConditionalOnProperty(name = "pipeline.opportunity.lead-conversions.enabled", havingValue = "true",
            matchIfMissing = true)
    LeadConversionConsumer leadConversionsHealthIndicator(KafkaSettings kafka, OpportunitySettings settings,
                                                          LeadConversions conversions, ParkedEvents parked,
                                                          Clock clock, KafkaTracing tracing) {
        return new LeadConversionConsumer(kafka, settings.leadConversions(), conversions, parked, clock, tracing);
    }

    /** The shipped processes exist before the first command or lead conversion needs them. */
    @Bean
    InitializingBean shippedSalesProcesses(JdbcSalesProcessCatalog catalog) {
        return () -> SalesProcess.SHIPPED.forEach(catalog::ensure);
    }

    /**
     * The read model keeps up in batches (one transaction per batch, not per event), and a failing batch is
     * retried instead of logged and skipped (Axon's default), so the read model never silently misses an event;
     * an event it can never store or interpret is parked instead, so it never stops the read model either.
     */
    @Bean
    ConfigurerModule readModelProcessor(OpportunitySettings settings, EventParking parking) {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerTrackingEventProcessor(OpportunityProjection.PROCESSING_GROUP,
                    org.axonframework.config.Configuration::eventStore,
                    c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andBatchSize(settings.readModelBatchSize()));
            parking.protect(processing, OpportunityProjection.PROCESSING_GROUP);
        });
    }
}
