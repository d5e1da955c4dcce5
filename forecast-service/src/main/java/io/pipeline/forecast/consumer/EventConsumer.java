package io.pipeline.forecast.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipeline.contract.Topics;
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.readmodel.ReadModel;
import io.pipeline.forecast.readmodel.ReadModelVersions;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.kafka.DeadLetters;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.tracing.ConsumerLag;
import io.pipeline.platform.tracing.KafkaTracing;
import io.micrometer.tracing.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the lead and opportunity topics into the serving read-model version. Each poll is applied in one database
 * transaction together with the positions it reached, so the version and its position never disagree: after a
 * crash it resumes from the stored positions, not from Kafka's committed offsets (those are committed too, only
 * so that standard tools show the group's lag). What a committed batch added goes into the in-memory index right
 * after the commit, never before, so a failed batch leaves no trace there either.
 *
 * <p>A rebuilt version takes over between two polls ({@link #handOver}): from then on this consumer applies to
 * the new version, from the positions stored in it.
 */
public class EventConsumer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** A streak of failed batches: since when, how many, the last error. */
    private record Failing(long sinceNanos, Instant since, int attempts, String error) {
    }

    /** A rebuilt version and its index, waiting for the consumer to switch to them. */
    private record HandOver(ReadModel model, DealIndex index, CompletableFuture<Void> done) {
    }

    private final KafkaSettings kafka;
    private final ForecastSettings settings;
    private final PositionStore positions;
    private final BatchApplier applier;
    private final ServingReadModel serving;
    private final ReadModelVersions versions;
    private final Counter applied;
    private final Counter duplicates;
    private final ParkedEvents parkedEvents;
    private final Timer batchVisible;
    private final Timer freshness;
    private final MeterRegistry meters;
    private final KafkaTracing tracing;
    private final ReadModelFreshness readModelFreshness;
    private final AtomicReference<HandOver> pendingHandOver = new AtomicReference<>();

    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread worker;
    private volatile boolean running;
    private volatile Failing failing;

    public EventConsumer(KafkaSettings kafka, ForecastSettings settings, PositionStore positions, BatchApplier applier,
                         ServingReadModel serving, ReadModelVersions versions, MeterRegistry meters,
                         ParkedEvents parkedEvents, KafkaTracing tracing,
                         ReadModelFreshness readModelFreshness) {
        this.kafka = kafka;
        this.settings = settings;
        this.positions = positions;
        this.applier = applier;
        this.serving = serving;
        this.versions = versions;
        this.applied = meters.counter("pipeline.forecast.events.applied");
        this.duplicates = meters.counter("pipeline.forecast.events.duplicates");
        this.parkedEvents = parkedEvents;
        this.batchVisible = meters.timer("pipeline.forecast.batch.visible");
        // pipeline_forecast_freshness_seconds: from the event's storing (the record's timestamp, set by the relay)
        // to its being in the figures (batch committed and indexed); what "why doesn't my forecast show it" asks
        this.freshness = Timer.builder("pipeline.forecast.freshness")
                .description("Time from an event's recording to its being visible in the forecast figures")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(meters);
        this.meters = meters;
        this.tracing = tracing;
        this.readModelFreshness = readModelFreshness;
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

    /**
     * Health component {@code forecastConsumer}: DOWN when the consumer's thread is gone while it should run, or when
     * its batches kept failing (each rolled back and tried again) for longer than {@code consumer-stuck-after}.
     */
    @Override
    public Health health() {
        Thread thread = worker;
        if (!running || thread == null || !thread.isAlive()) {
            return Health.down().withDetail("reason", "the forecast consumer is not running").build();
        }
        Failing now = failing;
        if (now == null) {
            return Health.up().withDetail("group", settings.consumerGroup()).build();
        }
        Duration failingFor = Duration.ofNanos(System.nanoTime() - now.sinceNanos());
        Health.Builder health = failingFor.compareTo(settings.consumerStuckAfter()) > 0
                ? Health.down().withDetail("reason", "every batch failed for " + failingFor.toSeconds() + " s")
                : Health.up();
        return health.withDetail("group", settings.consumerGroup()).withDetail("failingSince", now.since().toString())
                .withDetail("attempts", now.attempts()).withDetail("lastError", now.error()).build();
    }

    /**
     * Asks the consumer to make {@code model} the serving version, with {@code index} as its in-memory index, at
     * its next poll. Completes once the switch is made.
     */
    public CompletableFuture<Void> handOver(ReadModel model, DealIndex index) {
        HandOver request = new HandOver(model, index, new CompletableFuture<>());
        HandOver replaced = pendingHandOver.getAndSet(request);
        if (replaced != null) {
            replaced.done().cancel(false);
        }
        return request.done();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try (KafkaConsumer<byte[], byte[]> created = newConsumer();
                 ConsumerLag lag = ConsumerLag.bind(created, settings.consumerGroup(), meters);
                 DeadLetters deadLetters = new DeadLetters(kafka, settings.consumerGroup())) {
                consumer = created;
                serving.ensureIndexLoaded();
                created.subscribe(List.of(Topics.LEADS, Topics.OPPORTUNITIES), new ResumeFromStoredPositions(created));
                while (running) {
                    takeOverIfAsked(created);
                    serving.ensureWithinCapacity();
                    ConsumerRecords<byte[], byte[]> records = created.poll(settings.pollTimeout());
                    if (!records.isEmpty()) {
                        applyAndIndex(created, records, deadLetters);
                    }
                    readModelFreshness.behind(created.assignment(), created::currentLag);
                    backoff = Duration.ofMillis(500);
                    failing = null;
                }
            } catch (WakeupException e) {
                // stop() asked us to leave the poll
            } catch (RuntimeException e) {
                Failing before = failing;
                failing = new Failing(before == null ? System.nanoTime() : before.sinceNanos(),
                        before == null ? Instant.now() : before.since(), before == null ? 1 : before.attempts() + 1,
                        String.valueOf(e));
                log.error("Forecast consumer failed; nothing of the failed batch was applied. Resuming from the stored"
                        + " positions in {} ms", backoff.toMillis(), e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                consumer = null;
                readModelFreshness.unknown();
            }
        }
    }

    private void applyAndIndex(KafkaConsumer<byte[], byte[]> created, ConsumerRecords<byte[], byte[]> records,
                               DeadLetters deadLetters) {
        long start = System.nanoTime();
        List<Span> spans = startSpans(records);
        ReadModel model = serving.model();
        BatchApplier.Applied batch;
        try {
            batch = applier.apply(model, settings.consumerGroup(), records);
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e).end());
            throw e;
        }
        // after the commit, so a retried batch parks nothing twice; a failed send restarts from the stored positions,
        // which are past the record already: the log line below is then all that is left of it
        for (BatchApplier.Parked parked : batch.parked()) {
            ConsumerRecord<byte[], byte[]> record = parked.record();
            log.warn("Parking {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), parked.reason());
            deadLetters.park(record, parked.reason());
            parkedEvents.parked(settings.consumerGroup(), parked.reason());
        }
        serving.index().ifPresent(index -> {
            index.addAll(batch.newDeals());
            index.leads().addAll(batch.newLeads());
        });
        batchVisible.record(Duration.ofNanos(System.nanoTime() - start));
        recordFreshness(records, batch);
        spans.forEach(Span::end);
        applied.increment(batch.fresh());
        duplicates.increment(batch.duplicates());
        created.commitAsync(batch.reached().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new OffsetAndMetadata(e.getValue()))), null);
    }

    /**
     * A span per traced record, a child of the relay's publish span its {@code traceparent} names, from the start
     * of the batch to the moment its figures are visible (committed and indexed).
     */
    private List<Span> startSpans(ConsumerRecords<byte[], byte[]> records) {
        List<Span> spans = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Span span = tracing.startChild("forecast apply " + record.topic(), Span.Kind.CONSUMER,
                    KafkaTracing.traceparent(record.headers()));
            if (span != null) {
                spans.add(span.tag("messaging.kafka.partition", record.partition())
                        .tag("messaging.kafka.offset", record.offset()));
            }
        }
        return spans;
    }

    /** Every record of the batch except the parked ones is in the figures now. */
    private void recordFreshness(ConsumerRecords<byte[], byte[]> records, BatchApplier.Applied batch) {
        long now = System.currentTimeMillis();
        long newest = -1;
        Set<ConsumerRecord<byte[], byte[]>> parked = Collections.newSetFromMap(new IdentityHashMap<>());
        batch.parked().forEach(p -> parked.add(p.record()));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (!parked.contains(record) && record.timestamp() > 0) {
                freshness.record(Duration.ofMillis(Math.max(0, now - record.timestamp())));
                newest = Math.max(newest, record.timestamp());
            }
        }
        readModelFreshness.applied(newest, now);
    }

    /** Between polls: switch to a rebuilt version and continue from the positions stored in it. */
    private void takeOverIfAsked(KafkaConsumer<byte[], byte[]> created) {
        HandOver request = pendingHandOver.getAndSet(null);
        if (request == null) {
            return;
        }
        try {
            versions.makeServing(request.model());
            serving.switchTo(request.model(), request.index());
            seekToStoredPositions(created, created.assignment());
            log.info("read model version {} serves now; consumer continues from its stored positions",
                    request.model().version());
            request.done().complete(null);
        } catch (RuntimeException e) {
            request.done().completeExceptionally(e);
            throw e;
        }
    }

    private void seekToStoredPositions(KafkaConsumer<byte[], byte[]> created, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = positions.load(serving.model(), settings.consumerGroup(), partitions);
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition);
            if (next == null) {
                created.seekToBeginning(List.of(partition));
            } else {
                created.seek(partition, next);
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return kafka.clients().consumer(settings.consumerGroup() + "-consumer", Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** On every assignment, seek to the positions the serving version stored, not to Kafka's committed offsets. */
    private final class ResumeFromStoredPositions implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> consumer;

        ResumeFromStoredPositions(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToStoredPositions(consumer, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // positions are stored with each applied batch; nothing is pending here
        }
    }
}
