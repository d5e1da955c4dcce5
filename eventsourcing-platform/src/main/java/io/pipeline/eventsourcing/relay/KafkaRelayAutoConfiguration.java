package io.pipeline.eventsourcing.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.contract.EventRecords;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.tracing.KafkaTracing;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
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

    /** Daemon threads: Axon does not shut down an executor given to it, and it must not keep a stopped JVM alive. */
    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Bean
    RelayInstances relayInstances(DataSource dataSource, RelaySettings settings) {
        return new RelayInstances(dataSource, KafkaRelay.PROCESSING_GROUP, settings.segments(),
                settings.balanceInterval());
    }

    /**
     * A pooled streaming processor: one reader of the event store feeds the segments' work packages, each a batch
     * at a time on its own thread. Axon's default sequencing policy (per aggregate) keeps all events of one
     * aggregate in one segment, so they leave in the order they were stored. Each instance claims at most its share
     * of the segments ({@link RelayInstances}). Errors propagate, so a failed batch is retried with the processor's
     * backoff instead of being logged and skipped (Axon's default).
     */
    @Bean
    ConfigurerModule kafkaRelayProcessor(RelaySettings settings, RelayInstances instances) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessor(KafkaRelay.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        (c, builder) -> builder
                                .initialSegmentCount(settings.segments())
                                .batchSize(settings.batchSize())
                                .maxSegmentProvider(instances)
                                .tokenClaimInterval(settings.claimInterval().toMillis())
                                .workerExecutor(name -> Executors.newScheduledThreadPool(settings.threads(),
                                        daemonThreads("WorkPackage[" + name + "]"))))
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
