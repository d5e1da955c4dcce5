package io.pipeline.forecast.bench;

import io.pipeline.contract.EventRecords;
import io.pipeline.contract.TopicProvisioner;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes generated events to the public topics the way the relay does: its record shape, lz4, large batches. */
public final class EventPublisher implements AutoCloseable {

    private final EventRecords records = new EventRecords("/forecast-test");
    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers) {
        this(bootstrapServers, 20);
    }

    /** @param lingerMs how long a batch waits to fill: long for bulk loads, short for latency */
    public EventPublisher(String bootstrapServers, int lingerMs) {
        TopicProvisioner.ensure(bootstrapServers, TopicProvisioner.publicTopics((short) 1));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    public Future<RecordMetadata> send(DealGenerator.Generated generated) {
        return producer.send(records.toRecord(generated.event(), generated.eventId(), generated.sequence(), null));
    }

    /** Sends now what is batched, for a single event whose latency is measured. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
