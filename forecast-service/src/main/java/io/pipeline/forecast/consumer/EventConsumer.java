package io.pipeline.forecast.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.platform.kafka.DeadLetters;
import io.pipeline.contract.IntegrationEventCodec.UnreadableEventException;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.Topics;
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.projection.EventMeta;
import io.pipeline.forecast.projection.LeadProjection;
import io.pipeline.forecast.projection.OpportunityProjection;
import io.pipeline.platform.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the lead and opportunity topics into the read model. Each poll is applied in one database transaction
 * together with the positions it reached, so the read model and its position never disagree: after a crash it
 * resumes from the stored positions, not from Kafka's committed offsets (those are committed too, only so that
 * standard tools show the group's lag).
 */
public class EventConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final ForecastSettings settings;
    private final PositionStore positions;
    private final OpportunityProjection opportunities;
    private final LeadProjection leads;
    private final TransactionTemplate transaction;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;

    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread worker;
    private volatile boolean running;

    public EventConsumer(KafkaSettings kafka, ForecastSettings settings, PositionStore positions,
                         OpportunityProjection opportunities, LeadProjection leads, TransactionTemplate transaction,
                         MeterRegistry meters) {
        this.kafka = kafka;
        this.settings = settings;
        this.positions = positions;
        this.opportunities = opportunities;
        this.leads = leads;
        this.transaction = transaction;
        this.applied = meters.counter("pipeline.forecast.events.applied");
        this.duplicates = meters.counter("pipeline.forecast.events.duplicates");
        this.deadLettered = meters.counter("pipeline.forecast.events.dead-lettered");
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "forecast-consumer");
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try (KafkaConsumer<byte[], byte[]> created = newConsumer();
                 DeadLetters deadLetters = new DeadLetters(kafka, settings.consumerGroup())) {
                consumer = created;
                created.subscribe(List.of(Topics.LEADS, Topics.OPPORTUNITIES), new ResumeFromStoredPositions(created));
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = created.poll(settings.pollTimeout());
                    if (!records.isEmpty()) {
                        Map<TopicPartition, Long> reached = transaction.execute(tx -> applyAll(records, deadLetters));
                        created.commitAsync(reached.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                e -> new OffsetAndMetadata(e.getValue()))), null);
                    }
                    backoff = Duration.ofMillis(500);
                }
            } catch (WakeupException e) {
                // stop() asked us to leave the poll
            } catch (RuntimeException e) {
                log.error("Forecast consumer failed; nothing of the failed batch was applied. Resuming from the stored"
                        + " positions in {} ms", backoff.toMillis(), e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                consumer = null;
            }
        }
    }

    private Map<TopicPartition, Long> applyAll(ConsumerRecords<byte[], byte[]> records, DeadLetters deadLetters) {
        Map<TopicPartition, Long> reached = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            apply(record, deadLetters);
            reached.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        positions.save(settings.consumerGroup(), reached);
        return reached;
    }

    private void apply(ConsumerRecord<byte[], byte[]> record, DeadLetters deadLetters) {
        IntegrationEvent event;
        EventMeta meta;
        try {
            String type = header(record, EventHeaders.TYPE);
            event = codec.read(type, record.value());
            meta = new EventMeta(required(record, EventHeaders.ID), sequence(record), type);
        } catch (UnreadableEventException e) {
            log.warn("Dead-lettering {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetters.park(record, e.getMessage());
            deadLettered.increment();
            return;
        }
        boolean fresh = event instanceof OpportunityEvent o ? opportunities.apply(o, meta)
                : leads.apply((LeadEvent) event, meta);
        (fresh ? applied : duplicates).increment();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(ConsumerRecord<?, ?> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("missing header " + name);
        }
        return value;
    }

    private static long sequence(ConsumerRecord<?, ?> record) {
        String value = required(record, EventHeaders.SEQUENCE);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UnreadableEventException("header " + EventHeaders.SEQUENCE + " is not a number: " + value);
        }
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.consumerGroup() + "-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** On every assignment, seek to the positions the read model stored, not to Kafka's committed offsets. */
    private final class ResumeFromStoredPositions implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> consumer;

        ResumeFromStoredPositions(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> stored = positions.load(settings.consumerGroup(), partitions);
            for (TopicPartition partition : partitions) {
                Long next = stored.get(partition);
                if (next == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, next);
                }
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // positions are stored with each applied batch; nothing is pending here
        }
    }
}
