package io.pipeline.eventsourcing.tracing;

import io.pipeline.platform.tracing.KafkaTracing;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** One trace from the request through the event store to every event processor (read models and the relay). */
@AutoConfiguration(afterName = "io.pipeline.platform.tracing.TracingAutoConfiguration")
public class EventTracingAutoConfiguration {

    @Bean
    CorrelationDataProvider traceContextProvider() {
        return TraceContext.correlationDataProvider();
    }

    @Bean
    SmartInitializingSingleton traceContextOnCommands(CommandBus commandBus, KafkaTracing tracing) {
        return () -> commandBus.registerDispatchInterceptor(TraceContext.dispatchInterceptor(tracing));
    }

    @Bean
    ConfigurerModule eventHandlingSpans(KafkaTracing tracing) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultHandlerInterceptor((c, processor) -> new EventHandlingSpans(processor, tracing)));
    }
}
