package io.pipeline.opportunity.consumer;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.EventType;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.contract.IntegrationEventCodec.UnreadableEventException;
import io.pipeline.contract.LeadEvent.LeadConverted;
import io.pipeline.contract.Topics;
import io.pipeline.opportunity.config.OpportunitySettings;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.kafka.DeadLetters;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.parking.PoisonEvents;
import io.pipeline.platform.problem.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Opens a deal for every converted lead on {@link Topics#LEADS}. At least once: offsets are committed only after
 * the deal was opened, and a redelivered conversion is harmless because opening an existing deal records nothing.
 * A record that claims to be a conversion but cannot be read or lacks what a deal needs is parked on the
 * dead-letter topic, and so is one whose values the database can never store (a NUL byte); any other failure (the
 * database is down) is retried from the same record with a pause.
 * Other lead events are not this consumer's business and are passed over.
 */
public class LeadConversionConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeadConversionConsumer.class);
    private static final String CONVERTED = EventType.of(LeadConverted.class).name();
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final KafkaSettings kafka;
    private final OpportunitySettings.LeadConversions settings;
    private final LeadConversions conversions;
    private final ParkedEvents parked;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread worker;

    public LeadConversionConsumer(KafkaSettings kafka, OpportunitySettings.LeadConversions settings,
                                  LeadConversions conversions, ParkedEvents parked) {
        this.kafka = kafka;
        this.settings = settings;
        this.conversions = conversions;
        this.parked = parked;
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "lead-conversions");
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             DeadLetters deadLetters = new DeadLetters(kafka, settings.groupId())) {
            consumer = kafkaConsumer;
            kafkaConsumer.subscribe(List.of(Topics.LEADS));
            while (running) {
                consumeOnce(kafkaConsumer, deadLetters);
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            log.error("Lead-conversion consumer stopped", e);
        }
    }

    private void consumeOnce(KafkaConsumer<byte[], byte[]> kafkaConsumer, DeadLetters deadLetters) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : kafkaConsumer.poll(Duration.ofMillis(500))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            try {
                handle(record, deadLetters);
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } catch (RuntimeException e) {
                log.warn("Could not open the deal of {}@{}; retrying in {}s", partition, record.offset(),
                        RETRY_PAUSE.toSeconds(), e);
                commit(kafkaConsumer, done);
                kafkaConsumer.seek(partition, record.offset());
                pause();
                return;
            }
        }
        commit(kafkaConsumer, done);
    }

    void handle(ConsumerRecord<byte[], byte[]> record, DeadLetters deadLetters) {
        String type = header(record, EventHeaders.TYPE);
        if (!CONVERTED.equals(type)) {
            return;
        }
        LeadConverted converted;
        try {
            converted = (LeadConverted) codec.read(type, record.value());
            conversions.open(converted, header(record, EventHeaders.CORRELATION_ID));
        } catch (UnreadableEventException | InvalidFieldException e) {
            park(record, deadLetters, e.getMessage());
        } catch (RuntimeException e) {
            // values no retry will ever store (a NUL in an account name) park the record; anything else is retried
            park(record, deadLetters, PoisonEvents.reason(e).orElseThrow(() -> e));
        }
    }

    private void park(ConsumerRecord<byte[], byte[]> record, DeadLetters deadLetters, String reason) {
        log.warn("Parking {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        deadLetters.park(record, reason);
        parked.parked(settings.groupId(), reason);
    }

    private static void commit(KafkaConsumer<byte[], byte[]> kafkaConsumer, Map<TopicPartition, OffsetAndMetadata> done) {
        if (!done.isEmpty()) {
            kafkaConsumer.commitSync(done);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
