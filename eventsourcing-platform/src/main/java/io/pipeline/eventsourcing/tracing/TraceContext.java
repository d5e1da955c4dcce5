package io.pipeline.eventsourcing.tracing;

import io.pipeline.eventsourcing.web.CommandMetadata;
import io.pipeline.platform.tracing.KafkaTracing;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

/**
 * Carries the request's trace context ({@code traceparent}) from the command into the metadata of every event it
 * causes, the same way the correlation id travels, so the relay and the read models continue the request's trace
 * however long after the request the event is handled.
 */
public final class TraceContext {

    public static final String METADATA_KEY = KafkaTracing.TRACEPARENT;

    private TraceContext() {
    }

    public static MessageDispatchInterceptor<CommandMessage<?>> dispatchInterceptor(KafkaTracing tracing) {
        return CommandMetadata.fromRequest(METADATA_KEY, tracing::currentTraceparent);
    }

    public static CorrelationDataProvider correlationDataProvider() {
        return new SimpleCorrelationDataProvider(METADATA_KEY);
    }
}
