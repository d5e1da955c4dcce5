package io.pipeline.platform.kafka;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.platform.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Parks a record the consumer cannot read on the dead-letter topic, byte for byte with its original headers, plus
 * why and where it came from, so nothing is lost and the consumer carries on.
 */
public class DeadLetters implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String consumer;
    private final Duration timeout;

    public DeadLetters(KafkaSettings kafka, String consumer) {
        this.consumer = consumer;
        this.timeout = kafka.requestTimeout();
        this.producer = kafka.clients().producer(consumer + "-dead-letters", Map.of(), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Returns once Kafka has the dead letter; throws if it could not be written, so the batch is retried. */
    public void park(ConsumerRecord<byte[], byte[]> record, String reason) {
        park(record.key(), record.value(), record.headers(), reason, record.topic(), record.partition(),
                record.offset());
    }

    /**
     * Parks what did not come from a topic (an event of the event store, at {@code position} of its global order)
     * the same way: its bytes and headers, why, and where it came from ({@code source}, partition 0).
     */
    public void park(byte[] key, byte[] value, Iterable<Header> original, String reason, String source, long position) {
        park(key, value, original, reason, source, 0, position);
    }

    private void park(byte[] key, byte[] value, Iterable<Header> original, String reason, String source,
                      int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            headers.add(header);
        }
        add(headers, EventHeaders.DLT_REASON, reason);
        add(headers, EventHeaders.DLT_SOURCE_TOPIC, source);
        add(headers, EventHeaders.DLT_SOURCE_PARTITION, Integer.toString(partition));
        add(headers, EventHeaders.DLT_SOURCE_OFFSET, Long.toString(offset));
        add(headers, EventHeaders.DLT_CONSUMER, consumer);
        try {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS, null, key, value, headers))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not write a dead letter for " + source + "/" + partition + "@"
                    + offset, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
