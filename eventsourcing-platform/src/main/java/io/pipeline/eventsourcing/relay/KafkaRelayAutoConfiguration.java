package io.pipeline.eventsourcing.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.contract.EventRecords;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.tracing.KafkaTracing;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
@EnableConfigurationProperties(RelaySettings.class)
@ConditionalOnProperty(name = "pipeline.relay.enabled", havingValue = "true", matchIfMissing = true)
public class KafkaRelayAutoConfiguration {

    @Bean(destroyMethod = "close")
    RelayProducer relayProducer(KafkaSettings kafka, RelaySettings settings) {
        return new RelayProducer(kafka, settings.source().replace("/", "") + "-relay");
    }

    @Bean
    KafkaRelay kafkaRelay(IntegrationEventMapper mapper, RelayProducer producer, RelaySettings settings,
                          MeterRegistry meters, KafkaTracing tracing) {
        return new KafkaRelay(mapper, new EventRecords(settings.source()), producer, settings, meters, tracing);
    }

    /**
     * One thread, one segment: events leave in the order they were stored. Errors propagate, so a failed batch is
     * retried with the processor's backoff instead of being logged and skipped (Axon's default).
     */
    @Bean
    ConfigurerModule kafkaRelayProcessor(RelaySettings settings) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(KafkaRelay.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.batchSize()))
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
