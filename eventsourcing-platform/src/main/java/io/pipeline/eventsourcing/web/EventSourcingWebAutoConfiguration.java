package io.pipeline.eventsourcing.web;

import io.pipeline.eventsourcing.security.CommandCaller;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@AutoConfiguration
@Import(AxonProblemsAdvice.class)
public class EventSourcingWebAutoConfiguration {

    /** Declaring any provider replaces Axon's default one, so the default is declared again beside ours. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider requestCorrelationProvider() {
        return RequestCorrelation.correlationDataProvider();
    }

    @Bean
    SmartInitializingSingleton requestCorrelationOnCommands(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(RequestCorrelation.dispatchInterceptor());
    }

    @Bean
    SmartInitializingSingleton callerOnCommands(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(CommandCaller.dispatchInterceptor());
    }
}
