package io.pipeline.forecast.plan;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.contract.PlanEvent;
import io.pipeline.contract.Topics;
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.config.PlanSettings;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.kafka.DeadLetters;
import io.pipeline.platform.kafka.FailureStreak;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.parking.PoisonEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Applies {@link Topics#PLAN} to this instance's database: every forecast instance reads the whole topic, so the
 * organisation, quotas, rates and calls are the same in each (one instance's database would otherwise hold only
 * the changes that happened to be sent to it). A spring-kafka listener container on the topic's one partition,
 * from the position this database stored; each change is applied in one transaction with the position after it, so
 * a change read twice (a retry, a restart, two instances on one database) is applied once. A change that fails for
 * a passing reason (the database is away) is retried with a growing pause, the later ones waiting, and the health
 * component {@code plan} turns DOWN once it kept failing for {@code stuck-after}; one that can never be applied
 * (unreadable, or values the database refuses) is parked on the dead-letter topic and passed over.
 */
public class PlanTopic implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(PlanTopic.class);
    private static final int PARTITION = 0;

    private final KafkaSettings kafka;
    private final String group;
    private final PlanSettings settings;
    private final PlanStore plan;
    private final ForecastCalls calls;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ParkedEvents parked;
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    /** The offset after the last change this database holds, as far as this instance saw; -1 before the start. */
    private final Object progress = new Object();
    private long appliedUpTo = -1;
    private final FailureStreak failing;
    private volatile KafkaMessageListenerContainer<byte[], byte[]> container;
    private volatile DeadLetters deadLetters;

    public PlanTopic(KafkaSettings kafka, ForecastSettings forecast, PlanSettings settings, PlanStore plan,
                     ForecastCalls calls, JdbcTemplate jdbc, TransactionTemplate transaction, ParkedEvents parked,
                     Clock clock) {
        this.kafka = kafka;
        this.group = forecast.consumerGroup() + "-plan";
        this.settings = settings;
        this.plan = plan;
        this.calls = calls;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.parked = parked;
        this.failing = new FailureStreak(clock, settings.stuckAfter());
    }

    @Override
    public void start() {
        long from = storedPosition();
        advancedTo(from);
        Map<String, Object> consumer = kafka.clients().consumerSettings(group + "-consumer", Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        ContainerProperties properties = new ContainerProperties(new TopicPartitionOffset(Topics.PLAN, PARTITION, from));
        properties.setGroupId(group);
        // the database holds the position; the group's offsets are committed only so that tools show the lag
        properties.setAckMode(ContainerProperties.AckMode.RECORD);
        properties.setMessageListener((MessageListener<byte[], byte[]>) this::onRecord);
        KafkaMessageListenerContainer<byte[], byte[]> created = new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                properties);
        created.setBeanName("plan-topic");
        ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackOff().toMillis(), 2.0);
        backOff.setMaxInterval(settings.maxBackOff().toMillis());
        // never given up: a plan change that could be applied later must not be skipped
        DefaultErrorHandler errors = new DefaultErrorHandler(backOff);
        errors.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                failed(record, e, attempt);
            }
        });
        created.setCommonErrorHandler(errors);
        deadLetters = new DeadLetters(kafka, group);
        container = created;
        created.start();
        log.info("plan topic read from offset {} into this database", from);
    }

    private long storedPosition() {
        Long stored = jdbc.query("select next_offset from plan_position where topic = ? and partition = ?",
                rs -> rs.next() ? rs.getLong(1) : null, Topics.PLAN, PARTITION);
        return stored == null ? 0 : stored;
    }

    private void onRecord(ConsumerRecord<byte[], byte[]> record) {
        String parkedFor;
        try {
            parkedFor = transaction.execute(tx -> applyOnce(record));
        } catch (RuntimeException e) {
            // values the database can never store roll the change back: it is parked, and the position moves past it
            parkedFor = PoisonEvents.reason(e).orElseThrow(() -> e);
            transaction.executeWithoutResult(tx -> {
                if (lockPosition() <= record.offset()) {
                    storePosition(record.offset() + 1);
                }
            });
        }
        if (parkedFor != null) {
            park(record, parkedFor);
        }
        failing.ended();
        advancedTo(record.offset() + 1);
    }

    /** @return why the change cannot be read (it is passed over), or null when it was applied or held already */
    private String applyOnce(ConsumerRecord<byte[], byte[]> record) {
        if (record.offset() < lockPosition()) {
            return null;
        }
        String unreadable = null;
        try {
            apply(codec.read(header(record, EventHeaders.TYPE), record.value()));
        } catch (IntegrationEventCodec.UnreadableEventException e) {
            unreadable = e.getMessage();
        }
        storePosition(record.offset() + 1);
        return unreadable;
    }

    private void apply(IntegrationEvent event) {
        if (event instanceof PlanEvent.OrganisationPlaced placed) {
            plan.placeAll(placements(placed.reps()), placements(placed.teams()));
        } else if (event instanceof PlanEvent.QuotaSet quota) {
            plan.setQuota(quota.period(), quota.scope(), quota.amount());
        } else if (event instanceof PlanEvent.CurrencyRateSet rate) {
            plan.setRate(rate.currency(), rate.effectiveFrom(), rate.rate());
        } else if (event instanceof PlanEvent.ForecastCallSubmitted call) {
            calls.submit(new ForecastCalls.Call(call.repId(), call.period(), call.commit(), call.bestCase(),
                    call.occurredAt(), call.note(), call.scope(), call.actor(), call.commitDeals(),
                    call.bestCaseDeals()));
        } else {
            throw new IntegrationEventCodec.UnreadableEventException(event.getClass().getSimpleName()
                    + " is not a plan change");
        }
    }

    private static Map<String, String> placements(java.util.List<PlanEvent.Placement> placements) {
        return placements.stream().collect(Collectors.toMap(PlanEvent.Placement::id, PlanEvent.Placement::within,
                (first, later) -> later, LinkedHashMap::new));
    }

    /** The stored position, its row locked until the transaction ends: one instance applies a change at a time. */
    private long lockPosition() {
        jdbc.update("insert into plan_position (topic, partition, next_offset) values (?, ?, 0) on conflict do nothing",
                Topics.PLAN, PARTITION);
        return jdbc.queryForObject("select next_offset from plan_position where topic = ? and partition = ?"
                + " for update", Long.class, Topics.PLAN, PARTITION);
    }

    private void storePosition(long next) {
        jdbc.update("update plan_position set next_offset = ? where topic = ? and partition = ?", next, Topics.PLAN,
                PARTITION);
    }

    private void advancedTo(long next) {
        synchronized (progress) {
            if (next > appliedUpTo) {
                appliedUpTo = next;
                progress.notifyAll();
            }
        }
    }

    /**
     * Waits until the change at {@code offset} of the topic is in this database (applied by this instance, or by
     * another one on the same database and then passed over here).
     *
     * @return whether it is, within {@code timeout}
     */
    public boolean awaitApplied(long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (appliedUpTo <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void failed(ConsumerRecord<?, ?> record, Exception e, int attempt) {
        failing.failed(Topics.PLAN + "@" + record.offset(), e);
        log.warn("Could not apply plan change {}@{} (attempt {}); retrying", Topics.PLAN, record.offset(), attempt, e);
    }

    private void park(ConsumerRecord<byte[], byte[]> record, String reason) {
        log.warn("Parking {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        deadLetters.park(record, reason);
        parked.parked(group, reason);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public Health health() {
        long upTo;
        synchronized (progress) {
            upTo = appliedUpTo;
        }
        KafkaMessageListenerContainer<byte[], byte[]> running = container;
        return failing.health(running != null && running.isRunning(), Map.of("appliedUpTo", upTo));
    }

    @Override
    public void stop() {
        KafkaMessageListenerContainer<byte[], byte[]> running = container;
        if (running != null) {
            running.stop();
        }
        container = null;
        DeadLetters letters = deadLetters;
        if (letters != null) {
            letters.close();
        }
    }

    @Override
    public boolean isRunning() {
        KafkaMessageListenerContainer<byte[], byte[]> running = container;
        return running != null && running.isRunning();
    }
}
