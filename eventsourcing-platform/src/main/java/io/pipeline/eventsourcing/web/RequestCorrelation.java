package io.pipeline.eventsourcing.web;

import io.pipeline.platform.web.CorrelationIdFilter;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

/**
 * Carries the HTTP request's correlation id from the command into the metadata of every event it causes, and from
 * there into the published records' {@code ce_correlationid} header.
 */
public final class RequestCorrelation {

    public static final String METADATA_KEY = "requestCorrelationId";

    private RequestCorrelation() {
    }

    public static MessageDispatchInterceptor<CommandMessage<?>> dispatchInterceptor() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    String id = CorrelationIdFilter.current();
                    return id == null || command.getMetaData().containsKey(METADATA_KEY)
                            ? command : command.andMetaData(java.util.Map.of(METADATA_KEY, id));
                };
            }
        };
    }

    public static CorrelationDataProvider correlationDataProvider() {
        return new SimpleCorrelationDataProvider(METADATA_KEY);
    }
}
