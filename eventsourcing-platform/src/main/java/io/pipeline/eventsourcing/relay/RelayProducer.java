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
 * The relay's idempotent producer (acks=all), shared by the segments of one instance and made anew after a failed
 * batch: a producer whose sends timed out may hold a fenced or stale state, and a fresh one costs little next to a
 * retry.
 *
 * <p>A batch sends all its events through one {@link Session}, the producer current when it began. Once that
 * producer is discarded (by this batch or by another segment's), the session refuses every further send: a later
 * event of a deal must never go out on a new producer while an earlier one of the same batch may have been
 * dropped with the old producer, or it would reach the topic first.
 */
public class RelayProducer implements AutoCloseable {

    private final Map<String, Object> config;
    private Session current;
    private boolean closed;

    public RelayProducer(KafkaSettings kafka, String clientId) {
        int timeoutMs = (int) kafka.requestTimeout().toMillis();
        this.config = kafka.clients().producerSettings(clientId, Map.ofEntries(
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
                // a relay batch of 500 events of about 700 bytes fills few large batches instead of many small ones
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                // JSON events compress about 5x: less disk for a history kept forever, less network
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs * 2),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs)));
    }

    /** The producer current now, made if there is none: one batch sends through it alone. */
    synchronized Session session() {
        if (closed) {
            throw new IllegalStateException("the relay producer is closed");
        }
        if (current == null) {
            current = new Session(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()));
        }
        return current;
    }

    /** Drops {@code session}'s producer if it is still the current one; the next batch makes a new one. */
    synchronized void discard(Session session) {
        session.discarded = true;
        if (current == session) {
            current = null;
        }
        session.producer.close(Duration.ZERO);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.producer.close(Duration.ofSeconds(10));
            current = null;
        }
    }

    /** One producer as a batch sees it: sends and flushes run outside any lock, side by side with other segments. */
    final class Session {

        private final Producer<String, byte[]> producer;
        private volatile boolean discarded;

        private Session(Producer<String, byte[]> producer) {
            this.producer = producer;
        }

        Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            if (discarded) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "the batch's producer was discarded after a failed send; the batch is retried on a new one"));
            }
            try {
                return producer.send(record);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        void flush() {
            if (!discarded) {
                try {
                    producer.flush();
                } catch (RuntimeException e) {
                    // closed meanwhile by another segment's failure: the sends' futures say so
                }
            }
        }
    }
}
