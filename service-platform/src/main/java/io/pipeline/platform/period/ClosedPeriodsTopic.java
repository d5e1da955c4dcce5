package io.pipeline.platform.period;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.contract.PeriodEvent;
import io.pipeline.contract.Topics;
import io.pipeline.platform.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Learns the closes and reopens of fiscal quarters from {@link Topics#PERIODS} into {@link ClosedPeriods}, read from
 * the topic's start at every start (a few records a year) without a consumer group: every instance of a service
 * needs all of them, and nothing is committed. A record it cannot read is logged and passed over; the topic is
 * written only by opportunity-service's relay.
 */
public class ClosedPeriodsTopic implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClosedPeriodsTopic.class);

    private final KafkaSettings kafka;
    private final ClosedPeriods closed;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread worker;

    public ClosedPeriodsTopic(KafkaSettings kafka, ClosedPeriods closed) {
        this.kafka = kafka;
        this.closed = closed;
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "closed-periods");
        worker.setDaemon(true);
        worker.start();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafkaConsumer = kafka.clients().consumer("closed-periods",
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            consumer = kafkaConsumer;
            TopicPartition partition = new TopicPartition(Topics.PERIODS, 0);
            kafkaConsumer.assign(List.of(partition));
            kafkaConsumer.seekToBeginning(List.of(partition));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : kafkaConsumer.poll(Duration.ofMillis(500))) {
                    learn(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            log.error("Closed-periods consumer stopped; closes decided from now on are not enforced here", e);
        }
    }

    void learn(ConsumerRecord<byte[], byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.TYPE);
        try {
            IntegrationEvent event = codec.read(type == null ? null : new String(type.value(), StandardCharsets.UTF_8),
                    record.value());
            if (event instanceof PeriodEvent.PeriodClosed c) {
                closed.record(new PeriodDecision(c.period(), true, c.occurredAt(), c.actor(), c.reason()));
            } else if (event instanceof PeriodEvent.PeriodReopened r) {
                closed.record(new PeriodDecision(r.period(), false, r.occurredAt(), r.actor(), r.reason()));
            }
        } catch (IntegrationEventCodec.UnreadableEventException e) {
            log.warn("Passing over {}@{}: {}", Topics.PERIODS, record.offset(), e.getMessage());
        }
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
