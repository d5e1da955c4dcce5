package io.pipeline.platform.period;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.contract.PeriodEvent;
import io.pipeline.contract.Topics;
import io.pipeline.platform.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Learns the closes and reopens of fiscal quarters from {@link Topics#PERIODS} into {@link ClosedPeriods}, read from
 * the topic's start at every start (a few records a year), in a spring-kafka listener container on the topic's one
 * partition without a consumer group: every instance of a service needs all of them, and nothing is committed. A
 * record it cannot read is logged and passed over (the topic is written only by opportunity-service's relay); any
 * other failure is retried with a growing pause, never skipped, and the container's own restarts after a lost broker
 * are spring-kafka's. Health component {@code closedPeriods}: DOWN while the container is not running (a service
 * that cannot learn closes would take back-dated commands into a closed quarter).
 */
public class ClosedPeriodsTopic implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ClosedPeriodsTopic.class);

    private final ClosedPeriods closed;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final KafkaMessageListenerContainer<byte[], byte[]> container;
    private final AtomicLong learnt = new AtomicLong();

    public ClosedPeriodsTopic(KafkaSettings kafka, ClosedPeriods closed) {
        this.closed = closed;
        ContainerProperties properties = new ContainerProperties(new TopicPartitionOffset(Topics.PERIODS, 0,
                TopicPartitionOffset.SeekPosition.BEGINNING));
        // no group, so no commit: the topic is read whole at every start
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        properties.setMessageListener((MessageListener<byte[], byte[]>) this::learn);
        container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(
                kafka.clients().consumerSettings("closed-periods", Map.of()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), properties);
        container.setBeanName("closed-periods");
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
    }

    void learn(ConsumerRecord<byte[], byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.TYPE);
        IntegrationEvent event;
        try {
            event = codec.read(type == null ? null : new String(type.value(), StandardCharsets.UTF_8), record.value());
        } catch (IntegrationEventCodec.UnreadableEventException e) {
            log.warn("Passing over {}@{}: {}", Topics.PERIODS, record.offset(), e.getMessage());
            return;
        }
        if (event instanceof PeriodEvent.PeriodClosed c) {
            closed.record(new PeriodDecision(c.period(), true, c.occurredAt(), c.actor(), c.reason()));
        } else if (event instanceof PeriodEvent.PeriodReopened r) {
            closed.record(new PeriodDecision(r.period(), false, r.occurredAt(), r.actor(), r.reason()));
        }
        learnt.incrementAndGet();
    }

    @Override
    public Health health() {
        Health.Builder health = container.isRunning() ? Health.up()
                : Health.down().withDetail("reason", "the closed-periods listener container is not running");
        return health.withDetail("decisionsRead", learnt.get()).build();
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }
}
