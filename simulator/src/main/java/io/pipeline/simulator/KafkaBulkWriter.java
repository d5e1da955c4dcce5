package io.pipeline.simulator;

import io.pipeline.contract.EventRecords;
import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.Topics;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import io.pipeline.contract.KafkaClients;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes simulated histories to the public topics exactly as the services' relays would (same key, CloudEvents
 * headers and JSON, sources {@code /lead-service} and {@code /opportunity-service}), without the services: this is
 * how a benchmark gets millions of events of history quickly. Each aggregate's events are sent in sequence order
 * by one idempotent producer, so Kafka keeps them in that order per key.
 */
public final class KafkaBulkWriter implements AutoCloseable {

    private final long seed;
    private final String correlationId;
    private final EventRecords leadRecords = new EventRecords("/lead-service");
    private final EventRecords opportunityRecords = new EventRecords("/opportunity-service");
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaBulkWriter(String bootstrapServers, long seed) {
        this.seed = seed;
        this.correlationId = "simulator-" + Long.toHexString(seed);
        this.producer = new KafkaProducer<>(producerSettings(bootstrapServers), new StringSerializer(),
                new ByteArraySerializer());
    }

    /**
     * Throughput over latency: large lz4 batches that wait a little to fill; still acks=all and idempotent, so a
     * retried batch neither duplicates nor reorders a key's events.
     */
    static Map<String, Object> producerSettings(String bootstrapServers) {
        return new KafkaClients(bootstrapServers).producerSettings("pipeline-simulator", Map.of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024));
    }

    /** Writes the histories in order, at most {@code eventsLimit} events; answers how many were acknowledged. */
    public long write(Stream<AggregateHistory> histories, long eventsLimit, Progress progress) {
        long sent = 0;
        Iterator<AggregateHistory> iterator = histories.iterator();
        while (iterator.hasNext() && sent < eventsLimit) {
            AggregateHistory history = iterator.next();
            for (int sequence = 0; sequence < history.events().size() && sent < eventsLimit; sequence++) {
                producer.send(toRecord(history.events().get(sequence), sequence), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                sent++;
            }
            progress.update(sent);
            throwIfFailed();
        }
        producer.flush();
        throwIfFailed();
        progress.finish(sent);
        return sent;
    }

    public ProducerRecord<String, byte[]> toRecord(IntegrationEvent event, long sequence) {
        EventRecords records = Topics.LEADS.equals(event.topic()) ? leadRecords : opportunityRecords;
        return records.toRecord(event, EventIds.of(seed, event.subject(), sequence), sequence, correlationId);
    }

    private void throwIfFailed() {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("Kafka refused a simulated event: " + error.getMessage(), error);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
