package io.pipeline.forecast.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.pipeline.contract.Topics;
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.readmodel.IndexCapacity;
import io.pipeline.forecast.readmodel.ReadModel;
import io.pipeline.forecast.readmodel.ReadModelVersions;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.kafka.DeadLetters;
import io.pipeline.platform.kafka.FailureStreak;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.tracing.KafkaTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Reads the lead and opportunity topics into the serving read-model version, in a spring-kafka listener container
 * (batch listener, one consumer). Each poll is applied in one database transaction together with the positions it
 * reached, so the version and its position never disagree: on every assignment the consumer seeks to the stored
 * positions, not to Kafka's committed offsets (those are committed too, after the batch, only so that standard tools
 * show the group's lag). A batch that fails rolls back whole and spring-kafka's {@link DefaultErrorHandler} gives
 * the same records again after a growing pause, without end: nothing is skipped, later records wait. What a
 * committed batch added goes into the in-memory index right after the commit, never before, so a failed batch
 * leaves no trace there either. The container starts once the index is loaded from the serving version's tables.
 *
 * <p>A rebuilt version takes over between two polls ({@link #handOver}): at the next batch (which is then read
 * again from the new version's positions) or, when no records come, at the container's next idle moment.
 */
public class EventConsumer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final long IDLE_EVENT_MILLIS = 1_000;

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

    private volatile KafkaMessageListenerContainer<byte[], byte[]> container;
    private volatile DeadLetters deadLetters;
    private volatile Thread starter;
    private volatile boolean running;
    private final FailureStreak failing;

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
        this.failing = new FailureStreak(Clock.systemUTC(), settings.consumerStuckAfter());
    }

    @Override
    public void start() {
        running = true;
        starter = new Thread(this::startOnceIndexed, "forecast-consumer-start");
        // a JVM asked to stop while a large index still loads must not wait for the load
        starter.setDaemon(true);
        starter.start();
    }

    /** Loads the index (minutes for a large org), retried with a growing pause, then starts the container. */
    private void startOnceIndexed() {
        Duration backoff = Duration.ofMillis(500);
        while (running) {
            try {
                serving.ensureIndexLoaded();
                break;
            } catch (RuntimeException e) {
                failed("loading the index", e);
                log.error("Forecast index could not be loaded; trying again in {} ms", backoff.toMillis(), e);
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        synchronized (this) {
            if (!running) {
                return;
            }
            failing.ended();
            deadLetters = new DeadLetters(kafka, settings.consumerGroup());
            container = newContainer();
            container.start();
        }
    }

    private KafkaMessageListenerContainer<byte[], byte[]> newContainer() {
        DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(
                kafka.clients().consumerSettings(settings.consumerGroup() + "-consumer", Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // kafka_consumer_fetch_manager_records_lag{group=...}: the Kafka client's own metrics, tagged with the group
        consumers.addListener(new MicrometerConsumerListener<>(meters, List.of(Tag.of("group",
                settings.consumerGroup()))));
        ContainerProperties properties = new ContainerProperties(Topics.LEADS, Topics.OPPORTUNITIES);
        properties.setGroupId(settings.consumerGroup());
        properties.setPollTimeout(settings.pollTimeout().toMillis());
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        properties.setSyncCommits(false);
        properties.setIdleEventInterval(IDLE_EVENT_MILLIS);
        properties.setConsumerRebalanceListener(new ResumeFromStoredPositions());
        properties.setMessageListener(new Listener());
        KafkaMessageListenerContainer<byte[], byte[]> created = new KafkaMessageListenerContainer<>(consumers,
                properties);
        created.setBeanName("forecast-consumer");
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(MAX_BACKOFF.toMillis());
        // never given up: the same records come again until they are applied
        created.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return created;
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = starter;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            KafkaMessageListenerContainer<byte[], byte[]> current = container;
            if (current != null) {
                current.stop();
            }
            container = null;
            if (deadLetters != null) {
                deadLetters.close();
                deadLetters = null;
            }
        }
        readModelFreshness.unknown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Health component {@code forecastConsumer}: DOWN when the consumer should run but does not (its container
     * stopped, or the thread loading the index gone), or when loading the index or its batches kept failing (each
     * rolled back and given again) for longer than {@code consumer-stuck-after}.
     */
    @Override
    public Health health() {
        KafkaMessageListenerContainer<byte[], byte[]> current = container;
        Thread loading = starter;
        boolean runs = running && (current == null ? loading != null && loading.isAlive() : current.isRunning());
        return failing.health(runs, Map.of("group", settings.consumerGroup(),
                "state", current == null ? "loading the index" : "consuming"));
    }

    private void failed(String where, RuntimeException e) {
        if (!(e instanceof IndexCapacity.ExceededException)) {
            // a refusal to take more than the heap holds is not a failure: the component indexCapacity reports it
            failing.failed(where, e);
        }
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

    /** The batch listener; its callbacks run on the container's consumer thread. */
    private final class Listener implements BatchAcknowledgingConsumerAwareMessageListener<byte[], byte[]>,
            ConsumerSeekAware {

        @Override
        public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Acknowledgment acknowledgment,
                              Consumer<?, ?> consumer) {
            try {
                if (takeOverIfAsked(consumer.assignment(), (partition, next) -> {
                    if (next == null) {
                        consumer.seekToBeginning(List.of(partition));
                    } else {
                        consumer.seek(partition, next);
                    }
                })) {
                    // read again, from the new version's positions
                    return;
                }
                serving.ensureWithinCapacity();
                if (!records.isEmpty()) {
                    applyAndIndex(records);
                    if (acknowledgment != null) {
                        acknowledgment.acknowledge();
                    }
                }
                readModelFreshness.behind(consumer.assignment(), consumer::currentLag);
                failing.ended();
            } catch (RuntimeException e) {
                ConsumerRecord<byte[], byte[]> first = records.isEmpty() ? null : records.get(0);
                failed(first == null ? "a batch" : "the batch from " + first.topic() + "/" + first.partition() + "@"
                        + first.offset(), e);
                log.error("Forecast batch of {} records failed; nothing of it was applied, it is given again after a"
                        + " pause", records.size(), e);
                throw e;
            }
        }

        @Override
        public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
            throw new UnsupportedOperationException("the container gives the consumer and the acknowledgment");
        }

        @Override
        public void onIdleContainer(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
            takeOverIfAsked(assignments.keySet(), (partition, next) -> {
                if (next == null) {
                    callback.seekToBeginning(List.of(partition));
                } else {
                    callback.seek(partition.topic(), partition.partition(), next);
                }
            });
            // nothing came for a second: nothing is waiting on the assigned partitions
            readModelFreshness.behind(assignments.keySet(), partition -> java.util.OptionalLong.of(0));
            try {
                // checked while idle too: an index that outgrew its share with its last batch says so now
                serving.ensureWithinCapacity();
            } catch (IndexCapacity.ExceededException e) {
                // reported by the component indexCapacity; the next batch is refused the same way
            }
        }
    }

    private void applyAndIndex(List<ConsumerRecord<byte[], byte[]>> records) {
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
        // after the commit, so a retried batch parks nothing twice; a failed send leaves only the log line below,
        // as the stored positions are past the record already
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
    }

    /**
     * A span per traced record, a child of the relay's publish span its {@code traceparent} names, from the start
     * of the batch to the moment its figures are visible (committed and indexed).
     */
    private List<Span> startSpans(List<ConsumerRecord<byte[], byte[]>> records) {
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
    private void recordFreshness(List<ConsumerRecord<byte[], byte[]>> records, BatchApplier.Applied batch) {
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

    /** Where a partition goes next: the stored position, or the beginning when none is stored (null). */
    @FunctionalInterface
    private interface Seek {
        void to(TopicPartition partition, Long next);
    }

    /**
     * Between polls: switch to a rebuilt version and continue from the positions stored in it.
     *
     * @return whether it switched (the records of this poll are then read again from those positions)
     */
    private boolean takeOverIfAsked(Collection<TopicPartition> assigned, Seek seek) {
        HandOver request = pendingHandOver.getAndSet(null);
        if (request == null) {
            return false;
        }
        try {
            versions.makeServing(request.model());
            serving.switchTo(request.model(), request.index());
            seekToStoredPositions(assigned, seek);
            log.info("read model version {} serves now; consumer continues from its stored positions",
                    request.model().version());
            request.done().complete(null);
            return true;
        } catch (RuntimeException e) {
            request.done().completeExceptionally(e);
            throw e;
        }
    }

    private void seekToStoredPositions(Collection<TopicPartition> partitions, Seek seek) {
        Map<TopicPartition, Long> stored = positions.load(serving.model(), settings.consumerGroup(), partitions);
        for (TopicPartition partition : partitions) {
            seek.to(partition, stored.get(partition));
        }
    }

    /** On every assignment, seek to the positions the serving version stored, not to Kafka's committed offsets. */
    private final class ResumeFromStoredPositions implements ConsumerAwareRebalanceListener {

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            seekToStoredPositions(partitions, (partition, next) -> {
                if (next == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, next);
                }
            });
        }
    }
}
