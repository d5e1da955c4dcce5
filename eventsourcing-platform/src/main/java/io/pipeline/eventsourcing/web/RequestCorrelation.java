package io.pipeline.eventsourcing.web;

import io.pipeline.platform.web.CorrelationIdFilter;
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
        return CommandMetadata.fromRequest(METADATA_KEY, CorrelationIdFilter::current);
    }

    public static CorrelationDataProvider correlationDataProvider() {
        return new SimpleCorrelationDataProvider(METADATA_KEY);
    }
}
