package io.pipeline.eventsourcing.relay;

import io.pipeline.platform.config.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The relay's idempotent producer (acks=all), made anew after a failed batch: a producer whose sends timed out
 * may hold a fenced or stale state, and a fresh one costs little next to a retry.
 */
public class RelayProducer implements AutoCloseable {

    private final Map<String, Object> config;
    private Producer<String, byte[]> producer;

    public RelayProducer(KafkaSettings kafka, String clientId) {
        int timeoutMs = (int) kafka.requestTimeout().toMillis();
        this.config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                // JSON events compress about 5x: less disk for a history kept forever, less network
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs * 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    }

    synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        try {
            return current().send(record);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    synchronized void flush() {
        if (producer != null) {
            producer.flush();
        }
    }

    /** Drops the current producer; the next send makes a new one. */
    synchronized void discard() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private Producer<String, byte[]> current() {
        if (producer == null) {
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
