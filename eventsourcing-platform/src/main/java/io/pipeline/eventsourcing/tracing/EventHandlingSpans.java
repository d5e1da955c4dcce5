package io.pipeline.eventsourcing.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.pipeline.platform.tracing.KafkaTracing;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A span per event an event processor handles (a read model's projection, the relay's publish), a child of the
 * span that recorded the event, named after the processor. It is current while the handler runs, so what the
 * handler does (the relay's send) continues the same trace. An event without trace context gets no span.
 */
final class EventHandlingSpans implements MessageHandlerInterceptor<EventMessage<?>> {

    private final String processingGroup;
    private final KafkaTracing tracing;

    EventHandlingSpans(String processingGroup, KafkaTracing tracing) {
        this.processingGroup = processingGroup;
        this.tracing = tracing;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object traceparent = event.getMetaData().get(TraceContext.METADATA_KEY);
        Span span = tracing.startChild(processingGroup + " " + event.getPayloadType().getSimpleName(),
                Span.Kind.CONSUMER, traceparent == null ? null : traceparent.toString());
        if (span == null) {
            return chain.proceed();
        }
        span.tag("pipeline.event.id", event.getIdentifier());
        try (Tracer.SpanInScope scope = tracing.tracer().withSpan(span)) {
            return chain.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
