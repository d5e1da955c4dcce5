package io.pipeline.forecast.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec.UnreadableEventException;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.Topics;
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.config.RebuildSettings;
import io.pipeline.forecast.consumer.BatchApplier;
import io.pipeline.forecast.consumer.EventConsumer;
import io.pipeline.forecast.consumer.PositionStore;
import io.pipeline.forecast.consumer.RecordDecoder;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.projection.DealEvents;
import io.pipeline.forecast.projection.ColumnLimits;
import io.pipeline.forecast.projection.EventRows;
import io.pipeline.forecast.projection.Incoming;
import io.pipeline.forecast.projection.LeadSteps;
import io.pipeline.forecast.readmodel.ReadModel;
import io.pipeline.forecast.readmodel.ReadModelVersions;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.platform.problem.IllegalTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.annotation.PreDestroy;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the next read-model version from the beginning of the topics in the background while the serving one
 * keeps serving, then makes it serve.
 *
 * <p>Phases: COPYING reads the topics with its own consumer (manual assignment, no group) and streams the rows
 * with COPY into unlogged tables without indexes, filling a new in-memory index on the way; INDEXING drops the
 * duplicates the topics hold, builds the indexes once and makes the tables durable; FOLLOWING applies what
 * arrived meanwhile the way the serving consumer does (a transaction per poll, with positions) until the lag is
 * small; TAKING_OVER hands the version and its index to the serving consumer, which switches between two polls
 * and continues from the positions stored in the new version (so what it applied to the old one meanwhile is
 * applied again to the new one, idempotently). Progress is logged, published as gauges and served.
 */
@Component
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);

    private final RebuildSettings settings;
    private final ForecastSettings forecast;
    private final KafkaSettings kafka;
    private final ReadModelVersions versions;
    private final ServingReadModel serving;
    private final BatchApplier applier;
    private final PositionStore positions;
    private final DataSource dataSource;
    private final ObjectProvider<EventConsumer> servingConsumer;
    private final RecordDecoder decoder = new RecordDecoder();
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.idle());
    private volatile boolean stopping;

    public RebuildService(RebuildSettings settings, ForecastSettings forecast, KafkaSettings kafka,
                          ReadModelVersions versions, ServingReadModel serving, BatchApplier applier,
                          PositionStore positions, DataSource dataSource, ObjectProvider<EventConsumer> servingConsumer,
                          MeterRegistry meters) {
        this.settings = settings;
        this.forecast = forecast;
        this.kafka = kafka;
        this.versions = versions;
        this.serving = serving;
        this.applier = applier;
        this.positions = positions;
        this.dataSource = dataSource;
        this.servingConsumer = servingConsumer;
        versions.failInterruptedBuilds();
        Gauge.builder("pipeline.forecast.rebuild.events-per-second", progress, p -> p.get().eventsPerSecond())
                .register(meters);
        Gauge.builder("pipeline.forecast.rebuild.lag", progress, p -> p.get().lag()).register(meters);
        Gauge.builder("pipeline.forecast.rebuild.seconds-left", progress,
                p -> p.get().secondsLeft() == null ? Double.NaN : p.get().secondsLeft()).register(meters);
        Gauge.builder("pipeline.forecast.rebuild.events", progress, p -> p.get().events()).register(meters);
        Gauge.builder("pipeline.forecast.rebuild.running", progress, p -> p.get().phase().running() ? 1 : 0)
                .register(meters);
    }

    public RebuildProgress progress() {
        return progress.get();
    }

    /** Starts building the next version in the background; refused while one is being built. */
    public synchronized RebuildProgress start() {
        RebuildProgress current = progress.get();
        if (current.phase().running()) {
            throw new IllegalTransitionException("the read-model rebuild", "start", current.phase().name(),
                    List.of());
        }
        ReadModel template = serving.model();
        ReadModel next = versions.createNext(template);
        RebuildProgress started = new RebuildProgress(next.version(), RebuildProgress.Phase.COPYING, Instant.now(),
                null, 0, 0, 0, null, 0, null);
        progress.set(started);
        log.info("rebuild started version={} from=beginning serving={}", next.version(), template.version());
        Thread worker = new Thread(() -> run(template, next), "forecast-rebuild");
        worker.setDaemon(true);
        worker.start();
        return started;
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    private void run(ReadModel template, ReadModel next) {
        DealIndex index = serving.newIndex();
        try (KafkaConsumer<byte[], byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.LEADS, Topics.OPPORTUNITIES)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Meter meter = new Meter(consumer, partitions);
            copy(consumer, next, index, meter);
            phase(RebuildProgress.Phase.INDEXING);
            versions.finish(next, template);
            positions.save(next, forecast.consumerGroup(), meter.positions());
            phase(RebuildProgress.Phase.FOLLOWING);
            follow(consumer, next, index, meter);
            phase(RebuildProgress.Phase.TAKING_OVER);
            takeOver(next, index);
            phase(RebuildProgress.Phase.DONE);
            RebuildProgress done = progress.get();
            log.info("rebuild done version={} events={} seconds={} averagePerSecond={}", next.version(),
                    done.events(), seconds(done.startedAt()), Math.round(done.averagePerSecond()));
        } catch (RuntimeException | InterruptedException | ExecutionException
                 | TimeoutException e) {
            log.error("rebuild failed version={}; the serving version is untouched", next.version(), e);
            progress.updateAndGet(p -> p.failed(String.valueOf(e.getMessage())));
            versions.fail(next);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The bulk phase: every readable record becomes a row in a COPY stream, deals also go into the new index. */
    private void copy(KafkaConsumer<byte[], byte[]> consumer, ReadModel next, DealIndex index, Meter meter) {
        try (CopyWriter opportunities = new CopyWriter(dataSource, next.table("opportunity_event"),
                EventRows.OPPORTUNITY_COLUMNS, settings.copyRows());
             CopyWriter leads = new CopyWriter(dataSource, next.table("lead_event"), EventRows.LEAD_COLUMNS,
                     settings.copyRows())) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            ColumnLimits opportunityLimits = ColumnLimits.of(jdbc, next.schema(), "opportunity_event",
                    EventRows.OPPORTUNITY_COLUMNS);
            ColumnLimits leadLimits = ColumnLimits.of(jdbc, next.schema(), "lead_event", EventRows.LEAD_COLUMNS);
            long unreadable = 0;
            while (!stopping && !meter.caughtUp(settings.copyUntilLag())) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Incoming<IntegrationEvent> decoded;
                    try {
                        decoded = decoder.decode(record);
                    } catch (UnreadableEventException e) {
                        unreadable++; // the serving consumer dead-lettered it already
                        continue;
                    }
                    boolean deal = decoded.event() instanceof OpportunityEvent;
                    Object[] row = deal ? EventRows.opportunity((OpportunityEvent) decoded.event(), decoded.meta())
                            : EventRows.lead((LeadEvent) decoded.event(), decoded.meta());
                    if ((deal ? opportunityLimits : leadLimits).violation(row) != null) {
                        unreadable++; // one bad row would fail the whole COPY; the serving consumer parked it
                        continue;
                    }
                    if (decoded.event() instanceof OpportunityEvent o) {
                        // the index keeps the first of a deal's events with a sequence: a re-sent copy is no row
                        if (index.add(DealEvents.of(o, decoded.meta()))) {
                            opportunities.add(row);
                        }
                    } else {
                        LeadEvent lead = (LeadEvent) decoded.event();
                        // as in the table (whose copies are dropped in INDEXING), the first of a sequence stays
                        index.leads().add(LeadSteps.of(lead, decoded.meta()));
                        leads.add(row);
                    }
                }
                meter.read(records.count());
                serving.ensureRoomBeside(index);
            }
            opportunities.flush();
            leads.flush();
            if (unreadable > 0) {
                log.warn("rebuild skipped unreadable or unstorable records version={} count={}", next.version(), unreadable);
            }
        }
        if (stopping) {
            throw new IllegalStateException("the service is stopping");
        }
    }

    /** What arrived during the bulk phase, applied into the indexed tables until the lag is small. */
    private void follow(KafkaConsumer<byte[], byte[]> consumer, ReadModel next, DealIndex index, Meter meter) {
        while (!stopping && !meter.caughtUp(settings.takeOverLag())) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                // what it parks, the serving consumer parks too: dead-lettering it here would park it twice
                BatchApplier.Applied batch = applier.apply(next, forecast.consumerGroup(), records);
                index.addAll(batch.newDeals());
                index.leads().addAll(batch.newLeads());
            }
            meter.read(records.count());
        }
        if (stopping) {
            throw new IllegalStateException("the service is stopping");
        }
    }

    private void takeOver(ReadModel next, DealIndex index) throws InterruptedException,
            ExecutionException, TimeoutException {
        EventConsumer consumer = servingConsumer.getIfAvailable();
        if (consumer != null && consumer.isRunning()) {
            consumer.handOver(next, index).get(settings.takeOverTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            // nothing consumes into the serving version: the switch is only the version and the index
            versions.makeServing(next);
            serving.switchTo(next, index);
        }
        log.info("rebuild took over version={} deals={} events={}", next.version(), index.dealCount(),
                index.eventCount());
    }

    private void phase(RebuildProgress.Phase phase) {
        RebuildProgress now = progress.updateAndGet(p -> p.in(phase));
        log.info("rebuild phase version={} phase={} events={} seconds={}", now.version(), phase, now.events(),
                seconds(now.startedAt()));
    }

    private static String seconds(Instant since) {
        return String.format("%.1f", Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return kafka.clients().consumer(forecast.consumerGroup() + "-rebuild", Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords(),
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    /**
     * Counts what was read and, every progress interval, asks the broker for the end offsets, then publishes the
     * rate, lag and time left and logs them. Runs on the rebuild's thread (the consumer is not thread-safe).
     */
    private final class Meter {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;
        private Map<TopicPartition, Long> endOffsets;
        private long events;
        private long eventsAtTick;
        private long tickNanos = System.nanoTime();
        private final long startNanos = System.nanoTime();

        Meter(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
            this.consumer = consumer;
            this.partitions = partitions;
            this.endOffsets = consumer.endOffsets(partitions);
        }

        void read(int count) {
            events += count;
            long now = System.nanoTime();
            if (now - tickNanos >= settings.progressInterval().toNanos()) {
                endOffsets = consumer.endOffsets(partitions);
                publish(now, true);
            } else {
                publish(now, false);
            }
        }

        private void publish(long now, boolean tick) {
            long lag = lag();
            double elapsed = (now - startNanos) / 1e9;
            RebuildProgress last = progress.get();
            double rate = last.eventsPerSecond();
            if (tick) {
                rate = (events - eventsAtTick) / ((now - tickNanos) / 1e9);
                eventsAtTick = events;
                tickNanos = now;
            }
            double average = elapsed > 0 ? events / elapsed : 0;
            double current = rate > 0 ? rate : average;
            Double left = current > 0 ? lag / current : null;
            RebuildProgress next = new RebuildProgress(last.version(), last.phase(), last.startedAt(), null, events,
                    rate, lag, left, average, null);
            progress.set(next);
            if (tick) {
                log.info("rebuild progress version={} phase={} events={} eventsPerSecond={} lag={} secondsLeft={}",
                        next.version(), next.phase(), events, Math.round(rate), lag,
                        left == null ? "unknown" : Math.round(left));
            }
        }

        /** Whether the lag is at most {@code threshold}, against end offsets asked for again before saying yes. */
        boolean caughtUp(long threshold) {
            if (lag() > threshold) {
                return false;
            }
            endOffsets = consumer.endOffsets(partitions);
            return lag() <= threshold;
        }

        long lag() {
            long lag = 0;
            for (TopicPartition partition : partitions) {
                lag += Math.max(0, endOffsets.getOrDefault(partition, 0L) - consumer.position(partition));
            }
            return lag;
        }

        Map<TopicPartition, Long> positions() {
            Map<TopicPartition, Long> reached = new HashMap<>();
            partitions.forEach(p -> reached.put(p, consumer.position(p)));
            return reached;
        }
    }
}
