package io.pipeline.opportunity.consumer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.EventType;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.contract.IntegrationEventCodec.UnreadableEventException;
import io.pipeline.contract.LeadEvent.LeadConverted;
import io.pipeline.contract.Topics;
import io.pipeline.opportunity.config.OpportunitySettings;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.kafka.DeadLetters;
import io.pipeline.platform.kafka.FailureStreak;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.parking.PoisonEvents;
import io.pipeline.platform.problem.InvalidFieldException;
import io.pipeline.platform.tracing.KafkaTracing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Opens a deal for every converted lead on {@link Topics#LEADS}, in a spring-kafka listener container. At least
 * once and never skipping: a record's offset is committed only after its deal was opened (ack mode RECORD), and a
 * failure (the database is away) makes the {@link DefaultErrorHandler} seek every partition back to its first
 * unprocessed record, the failed one and those after it in the same poll, on every partition, and retry with a
 * growing pause; later records wait for it. The hand-written loop this replaces sought back only the failing
 * partition, so the next commit moved past the other partitions' records and their conversions never became deals.
 * A redelivered conversion is harmless: opening an existing deal records nothing.
 * A record that claims to be a conversion but cannot be read or lacks what a deal needs is parked on the
 * dead-letter topic, and so is one whose values the database can never store (a NUL byte), and, only when
 * {@code max-attempts} is set, one that kept failing that many times.
 * Other lead events are not this consumer's business and are passed over.
 * Health component {@code leadConversions}: DOWN when the container is not running or one record has kept failing
 * for longer than {@code stuck-after}.
 */
public class LeadConversionConsumer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(LeadConversionConsumer.class);
    private static final String CONVERTED = EventType.of(LeadConverted.class).name();

    private final KafkaSettings kafka;
    private final OpportunitySettings.LeadConversions settings;
    private final LeadConversions conversions;
    private final ParkedEvents parked;
    private final KafkaTracing tracing;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final ConcurrentMessageListenerContainer<byte[], byte[]> container;
    private volatile DeadLetters deadLetters;
    private final FailureStreak failing;

    public LeadConversionConsumer(KafkaSettings kafka, OpportunitySettings.LeadConversions settings,
                                  LeadConversions conversions, ParkedEvents parked, Clock clock,
                                  KafkaTracing tracing) {
        this.kafka = kafka;
        this.tracing = tracing;
        this.settings = settings;
        this.conversions = conversions;
        this.parked = parked;
        this.failing = new FailureStreak(clock, settings.stuckAfter());
        Map<String, Object> consumer = kafka.clients().consumerSettings(settings.groupId() + "-consumer", Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200));
        ContainerProperties properties = new ContainerProperties(Topics.LEADS);
        properties.setGroupId(settings.groupId());
        properties.setAckMode(ContainerProperties.AckMode.RECORD);
        properties.setSyncCommits(true);
        properties.setMessageListener((MessageListener<byte[], byte[]>) this::onRecord);
        container = new ConcurrentMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(consumer,
                new ByteArrayDeserializer(), new ByteArrayDeserializer()), properties);
        container.setConcurrency(settings.concurrency());
        container.setBeanName("lead-conversions");
        DefaultErrorHandler errors = new DefaultErrorHandler((record, e) -> giveUp(record, e), backOff(settings));
        errors.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                failed(record, e, attempt);
            }
        });
        container.setCommonErrorHandler(errors);
    }

    /** Without {@code max-attempts}, a failing record is retried until it succeeds: nothing is ever skipped. */
    private static BackOff backOff(OpportunitySettings.LeadConversions settings) {
        ExponentialBackOff backOff = settings.maxAttempts() > 0
                ? new ExponentialBackOffWithMaxRetries(settings.maxAttempts() - 1) : new ExponentialBackOff();
        backOff.setInitialInterval(settings.initialBackOff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(settings.maxBackOff().toMillis());
        return backOff;
    }

    /**
     * A traced conversion is opened in a child span of the lead's record, current while the deal's command is sent,
     * so the deal's events carry the lead's trace on to the relay and the forecast.
     */
    private void onRecord(ConsumerRecord<byte[], byte[]> record) {
        Span span = tracing.startChild("lead conversion " + record.topic(), Span.Kind.CONSUMER,
                KafkaTracing.traceparent(record.headers()));
        if (span == null) {
            handle(record);
        } else {
            try (Tracer.SpanInScope scope = tracing.tracer().withSpan(span)) {
                handle(record);
            } catch (RuntimeException e) {
                span.error(e);
                throw e;
            } finally {
                span.end();
            }
        }
        failing.ended();
    }

    void handle(ConsumerRecord<byte[], byte[]> record) {
        String type = header(record, EventHeaders.TYPE);
        if (!CONVERTED.equals(type)) {
            return;
        }
        LeadConverted converted;
        try {
            converted = (LeadConverted) codec.read(type, record.value());
            conversions.open(converted, header(record, EventHeaders.CORRELATION_ID));
        } catch (UnreadableEventException | InvalidFieldException e) {
            park(record, e.getMessage());
        } catch (RuntimeException e) {
            // values no retry will ever store (a NUL in an account name) park the record; anything else is retried
            park(record, PoisonEvents.reason(e).orElseThrow(() -> e));
        }
    }

    private void failed(ConsumerRecord<?, ?> record, Exception e, int attempt) {
        failing.failed(record.topic() + "/" + record.partition() + "@" + record.offset(), e);
        log.warn("Could not open the deal of {}/{}@{} (attempt {}); retrying", record.topic(), record.partition(),
                record.offset(), attempt, e);
    }

    @SuppressWarnings("unchecked")
    private void giveUp(ConsumerRecord<?, ?> record, Exception e) {
        park((ConsumerRecord<byte[], byte[]>) record, "gave up after " + settings.maxAttempts() + " attempts: "
                + (e.getCause() == null ? e : e.getCause()));
        failing.ended();
    }

    private void park(ConsumerRecord<byte[], byte[]> record, String reason) {
        log.warn("Parking {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        deadLetters.park(record, reason);
        parked.parked(settings.groupId(), reason);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public Health health() {
        return failing.health(container.isRunning(), Map.of("groupId", settings.groupId()));
    }

    @Override
    public void start() {
        deadLetters = new DeadLetters(kafka, settings.groupId());
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
        DeadLetters current = deadLetters;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }
}
