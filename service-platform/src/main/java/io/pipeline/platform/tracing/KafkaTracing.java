package io.pipeline.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.pipeline.contract.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context where our code, not an instrumented library, moves a change along: into a command's
 * metadata, onto a Kafka record's {@code traceparent} header, and back into a span on the consuming side. Our Kafka
 * producer and consumers are plain clients (the relay's batching and the forecast consumer's one-transaction
 * batches do not fit a listener container), so nothing else would carry the context across.
 */
public class KafkaTracing {

    /** The W3C Trace Context header (and metadata key) holding a trace id, parent span id and sampled flag. */
    public static final String TRACEPARENT = EventHeaders.TRACEPARENT;

    private final Tracer tracer;
    private final Propagator propagator;

    public KafkaTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The {@code traceparent} of the span current on this thread, or null without one (or with tracing off). */
    public String currentTraceparent() {
        Span span = tracer.currentSpan();
        return span == null ? null : traceparent(span);
    }

    /** The {@code traceparent} naming {@code span} as the parent. */
    public String traceparent(Span span) {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Starts a span of {@code kind} that continues the trace {@code traceparent} names, or null when there is
     * none: a record nobody traced (bulk history, another producer) starts no trace of its own here, so a replay of
     * millions of records does not flood the trace store.
     */
    public Span startChild(String name, Span.Kind kind, String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return null;
        }
        return propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(name).kind(kind).start();
    }

    /** The record's {@code traceparent} header, or null. */
    public static String traceparent(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public Tracer tracer() {
        return tracer;
    }
}
