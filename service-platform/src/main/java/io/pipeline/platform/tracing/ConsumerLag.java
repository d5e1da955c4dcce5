package io.pipeline.platform.tracing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Publishes a plain Kafka consumer's own client metrics, the lag per partition among them
 * ({@code kafka_consumer_fetch_manager_records_lag{group=...}} and {@code ..._records_lag_max}), tagged with its
 * consumer group. Close it with the consumer: the meters go with it.
 */
public final class ConsumerLag implements AutoCloseable {

    private final KafkaClientMetrics metrics;

    private ConsumerLag(KafkaClientMetrics metrics) {
        this.metrics = metrics;
    }

    public static ConsumerLag bind(Consumer<?, ?> consumer, String group, MeterRegistry meters) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, Tags.of("group", group));
        metrics.bindTo(meters);
        return new ConsumerLag(metrics);
    }

    @Override
    public void close() {
        metrics.close();
    }
}
