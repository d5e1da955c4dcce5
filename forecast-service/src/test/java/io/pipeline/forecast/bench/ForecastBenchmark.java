package io.pipeline.forecast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.consumer.BatchApplier;
import io.pipeline.forecast.consumer.EventConsumer;
import io.pipeline.forecast.consumer.PositionStore;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.readmodel.ReadModelVersions;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.forecast.rebuild.RebuildProgress;
import io.pipeline.forecast.rebuild.RebuildService;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.config.KafkaSettings;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.bench.RawLimits;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Rebuild throughput, query latency at org scope, an as-of query and end-to-end visibility, printed beside the
 * raw Kafka rates measured in the same run. Size: {@code -Dbench.deals} (default 100,000) x
 * {@code -Dbench.eventsPerDeal} (default 20). Run with
 * {@code ./mvnw -o -pl forecast-service verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=ForecastBenchmark}.
 *
 * <p>The serving consumer is off while the history is rebuilt (it would race the rebuild for the two cores with
 * row-by-row inserts); it is started on the rebuilt version for the visibility part, as after a take-over.
 */
@Tag("benchmark")
@SpringBootTest(properties = {"pipeline.forecast.consumer-enabled=false",
        "pipeline.forecast.consumer-group=forecast-bench-${random.uuid}"})
@RealInfrastructure(database = "forecast")
class ForecastBenchmark {

    static final int DEALS = Integer.getInteger("bench.deals", 100_000);
    static final int EVENTS_PER_DEAL = Integer.getInteger("bench.eventsPerDeal", 20);
    static final int QUERY_RUNS = Integer.getInteger("bench.queryRuns", 60);
    static final int VISIBILITY_SECONDS = Integer.getInteger("bench.visibilitySeconds", 20);
    static final int VISIBILITY_RATE = 1_000;
    static final int RAW_RECORDS = Integer.getInteger("bench.rawRecords", 1_500_000);
    static final Instant FIRST_OPEN = Instant.parse("2025-01-01T00:00:00Z");

    @Autowired
    RebuildService rebuild;
    @Autowired
    FigureQueries queries;
    @Autowired
    ServingReadModel serving;
    @Autowired
    FiscalCalendar calendar;
    @Autowired
    KafkaSettings kafka;
    @Autowired
    ForecastSettings settings;
    @Autowired
    PositionStore positions;
    @Autowired
    BatchApplier applier;
    @Autowired
    ReadModelVersions versions;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ParkedEvents parkedEvents;

    @Test
    void rebuildQueriesAndVisibility() throws Exception {
        String bootstrap = PipelineInfrastructure.shared().kafkaBootstrapServers();
        // the consume rate includes the reader's group join (about 3 s): enough records make it a small part
        double rawProduce = RawLimits.kafkaProducePerSecond(bootstrap, RAW_RECORDS, 600);
        double rawConsume = RawLimits.kafkaConsumePerSecond(bootstrap, RAW_RECORDS);

        long publishStart = System.nanoTime();
        AtomicLong published = new AtomicLong();
        try (EventPublisher publisher = new EventPublisher(bootstrap)) {
            new DealGenerator("B", "emea", FIRST_OPEN, 1).generate(0, DEALS, EVENTS_PER_DEAL, g -> {
                publisher.send(g);
                published.incrementAndGet();
            });
        }
        double publishSeconds = seconds(publishStart);

        long heapBefore = usedHeapAfterGc();
        long rebuildStart = System.nanoTime();
        rebuild.start();
        double copySeconds = 0;
        while (rebuild.progress().phase().running()) {
            if (copySeconds == 0 && rebuild.progress().phase() != RebuildProgress.Phase.COPYING) {
                copySeconds = seconds(rebuildStart);
            }
            Thread.sleep(20);
        }
        double rebuildSeconds = seconds(rebuildStart);
        RebuildProgress done = rebuild.progress();
        assertThat(done.phase()).as(done.toString()).isEqualTo(RebuildProgress.Phase.DONE);
        DealIndex index = serving.index().orElseThrow();
        // the take-over starts the warm-up of the current quarter and month in the background: let it finish
        // before measuring (it is in the heap figure below: only the deals concerning those periods, few here)
        LocalDate today = LocalDate.ofInstant(Instant.now(), settings.businessZone());
        List<Period> current = List.of(calendar.quarterOf(today), calendar.monthOf(today));
        long warmDeadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!current.stream().allMatch(index::keeps) && System.nanoTime() < warmDeadline) {
            Thread.sleep(20);
        }
        String warmUp = warmUp(index, current);
        long heapAfter = usedHeapAfterGc();
        double bytesPerEvent = (heapAfter - heapBefore) / (double) index.eventCount();

        Period quarter = calendar.quarterOf(LocalDate.parse("2025-08-15"));
        Instant now = Instant.now();
        Instant midQuarter = Instant.parse("2025-08-15T12:00:00Z");
        // the first org query of a period not warmed (FY2025-Q3 is not current) starts its running figures
        long firstStart = System.nanoTime();
        queries.coverage(quarter, Scope.ORG, now);
        double firstQueryMillis = (System.nanoTime() - firstStart) / 1e6;
        long runningFiguresBytes = usedHeapAfterGc() - heapAfter;
        String sameAsPure = sameAsPure(index, quarter, now);
        double[] coverage = time(() -> queries.coverage(quarter, Scope.ORG, now));
        double[] slippage = time(() -> queries.slippage(quarter, Scope.ORG, now));
        double[] velocity = time(() -> queries.velocity(quarter, Scope.ORG, now));
        double[] asOfCoverage = time(() -> queries.coverage(quarter, Scope.ORG, midQuarter));
        double[] asOfSlippage = time(() -> queries.slippage(quarter, Scope.ORG, midQuarter));
        double[] asOfVelocity = time(() -> queries.velocity(quarter, Scope.ORG, midQuarter));
        int candidates = index.concerning(io.pipeline.forecast.figures.FigureContext.of(quarter, Scope.ORG, now,
                settings.businessZone(), calendar, io.pipeline.forecast.figures.Hierarchy.NONE,
                io.pipeline.forecast.figures.ConversionRates.none("USD"))).size();

        double[] visibility = visibility(bootstrap, index);

        String summary = String.format("""

                ================ forecast-service benchmark ================
                size                      %,d deals x %d events = %,d events (%,d deals in the index)
                raw Kafka produce         %,.0f records/s (600 B, acks=all, %,d records)
                raw Kafka consume         %,.0f records/s  <- denominator
                publish (relay-like, lz4) %,.0f events/s
                rebuild total             %,.0f events/s (%.1f s: copy %.1f s + indexing/take-over %.1f s) = %.0f%% of raw consume
                rebuild COPY phase        %,.0f events/s = %.0f%% of raw consume
                index heap                %,.0f bytes/event (%,d MB for %,d events)
                warm-up after take-over   %s
                first org query of Q     %,.0f ms (not a current period, so not warmed: starts its running figures from every deal: %,d MB heap)
                running = pure figures    %s
                query coverage  org       p50 %.1f ms  p95 %.1f ms  (%,d candidate deals of the quarter)
                query slippage  org       p50 %.1f ms  p95 %.1f ms
                query velocity  org       p50 %.1f ms  p95 %.1f ms
                as-of coverage  org       p50 %.1f ms  p95 %.1f ms  (as of %s)
                as-of slippage  org       p50 %.1f ms  p95 %.1f ms
                as-of velocity  org       p50 %.1f ms  p95 %.1f ms
                visibility at %,d ev/s    p50 %.1f ms  p99 %.1f ms  max %.1f ms  (%,d events)
                ============================================================
                """, DEALS, EVENTS_PER_DEAL, published.get(), index.dealCount(), rawProduce, RAW_RECORDS, rawConsume,
                published.get() / publishSeconds,
                done.events() / rebuildSeconds, rebuildSeconds, copySeconds, rebuildSeconds - copySeconds,
                100 * done.events() / rebuildSeconds / rawConsume,
                done.events() / copySeconds, 100 * done.events() / copySeconds / rawConsume,
                bytesPerEvent, (heapAfter - heapBefore) >> 20, index.eventCount(), warmUp, firstQueryMillis,
                runningFiguresBytes >> 20, sameAsPure,
                percentile(coverage, 50), percentile(coverage, 95), candidates,
                percentile(slippage, 50), percentile(slippage, 95), percentile(velocity, 50),
                percentile(velocity, 95), percentile(asOfCoverage, 50), percentile(asOfCoverage, 95), midQuarter,
                percentile(asOfSlippage, 50), percentile(asOfSlippage, 95), percentile(asOfVelocity, 50),
                percentile(asOfVelocity, 95), VISIBILITY_RATE,
                percentile(visibility, 50), percentile(visibility, 99), percentile(visibility, 100),
                visibility.length);
        System.out.println(summary);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "forecast-benchmark.txt"), summary);
    }

    /**
     * What the background warm-up of the current periods cost after the take-over (the duration of each start, as
     * recorded by the warm-up's timer, and the deals concerning the period), or that it did not finish.
     */
    private String warmUp(DealIndex index, List<Period> current) {
        List<String> parts = new ArrayList<>();
        for (Period period : current) {
            io.micrometer.core.instrument.Timer timer = meters.find("pipeline.forecast.index.warm-up")
                    .tag("kind", period.kind().name().toLowerCase(java.util.Locale.ROOT)).timer();
            if (!index.keeps(period) || timer == null || timer.count() == 0) {
                parts.add(period.id() + " not warmed");
                continue;
            }
            io.pipeline.forecast.figures.FigureContext ctx = io.pipeline.forecast.figures.FigureContext.of(period,
                    Scope.ORG, Instant.now(), settings.businessZone(), calendar,
                    io.pipeline.forecast.figures.Hierarchy.NONE,
                    io.pipeline.forecast.figures.ConversionRates.none(settings.reportingCurrency()));
            // kept already: this reads the warmed figures, it starts nothing
            int deals = index.settled(ctx).map(io.pipeline.forecast.index.SettledPeriod::deals).orElse(-1);
            parts.add(String.format("%s %,.0f ms (%,d deals of %,d)", period.id(),
                    timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) / timer.count(), deals,
                    index.dealCount()));
        }
        return String.join(", ", parts) + " in the background (current periods by the clock)";
    }

    /** Whether the answers "now" (from the running figures) equal the pure figures over the quarter's deals. */
    private String sameAsPure(DealIndex index, Period quarter, Instant now) {
        io.pipeline.forecast.figures.FigureContext ctx = io.pipeline.forecast.figures.FigureContext.of(quarter,
                Scope.ORG, now, settings.businessZone(), calendar, io.pipeline.forecast.figures.Hierarchy.NONE,
                io.pipeline.forecast.figures.ConversionRates.none(settings.reportingCurrency()));
        List<io.pipeline.forecast.figures.DealHistory> deals = index.concerning(ctx);
        boolean totals = queries.categoryTotals(quarter, Scope.ORG, now).totals()
                .equals(io.pipeline.forecast.figures.CategoryTotals.of(deals, ctx).totals());
        io.pipeline.forecast.figures.Slippage running = queries.slippage(quarter, Scope.ORG, now);
        io.pipeline.forecast.figures.Slippage pure = io.pipeline.forecast.figures.Slippage.of(deals, ctx);
        boolean slippage = running.slipped().equals(pure.slipped()) && running.deals().equals(pure.deals())
                && running.byRep().equals(pure.byRep()) && running.commitThatSlipped().equals(pure.commitThatSlipped())
                && running.slippedTwiceOrMore().equals(pure.slippedTwiceOrMore());
        io.pipeline.forecast.figures.StageVelocity velocity = queries.velocity(quarter, Scope.ORG, now);
        io.pipeline.forecast.figures.StageVelocity pureVelocity =
                io.pipeline.forecast.figures.StageVelocity.of(deals, ctx);
        boolean stages = velocity.stages().equals(pureVelocity.stages())
                && velocity.categories().equals(pureVelocity.categories());
        return "category totals " + totals + ", slippage " + slippage + " (" + pure.deals().size()
                + " slipped deals), velocity " + stages;
    }

    /** Milliseconds of each of the runs after a few to warm up. */
    static double[] time(Supplier<?> query) {
        for (int i = 0; i < 5; i++) {
            query.get();
        }
        double[] millis = new double[QUERY_RUNS];
        for (int i = 0; i < QUERY_RUNS; i++) {
            long start = System.nanoTime();
            query.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    /**
     * Starts the serving consumer on the rebuilt version, sends new deals' events at 1,000 a second and measures,
     * for each, the time from handing it to the producer to its being in the index the figures read.
     */
    private double[] visibility(String bootstrap, DealIndex index) throws Exception {
        EventConsumer consumer = new EventConsumer(kafka, settings, positions, applier, serving, versions, meters,
                parkedEvents, new io.pipeline.platform.tracing.KafkaTracing(io.micrometer.tracing.Tracer.NOOP,
                io.micrometer.tracing.propagation.Propagator.NOOP),
                new io.pipeline.forecast.consumer.ReadModelFreshness());
        consumer.start();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Double> latencies = new ArrayList<>();
        DealGenerator live = new DealGenerator("V", "emea", Instant.now().minus(Duration.ofDays(400)), 2);
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Map.Entry<String, Long> pending : sentAt.entrySet()) {
                    int dash = pending.getKey().lastIndexOf('#');
                    if (index.contains(pending.getKey().substring(0, dash),
                            Long.parseLong(pending.getKey().substring(dash + 1)))) {
                        long latency = System.nanoTime() - pending.getValue();
                        if (sentAt.remove(pending.getKey()) != null) {
                            synchronized (latencies) {
                                latencies.add(latency / 1e6);
                            }
                        }
                    }
                }
                LockSupport.parkNanos(200_000);
            }
        }, "visibility-watcher");
        try (EventPublisher publisher = new EventPublisher(bootstrap, 1)) {
            // the consumer first catches up with whatever the rebuild left; then the measured stream starts
            Thread.sleep(2_000);
            watcher.start();
            long start = System.nanoTime();
            int total = VISIBILITY_RATE * VISIBILITY_SECONDS;
            int deal = 0;
            int sent = 0;
            while (sent < total) {
                for (DealGenerator.Generated g : live.deal(deal++, 5)) {
                    long due = start + sent * 1_000_000_000L / VISIBILITY_RATE;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    sentAt.put(g.event().deal().opportunityId() + "#" + g.sequence(), System.nanoTime());
                    publisher.send(g);
                    sent++;
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!sentAt.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            watcher.interrupt();
            watcher.join();
            consumer.stop();
        }
        assertThat(sentAt).as("events never visible").isEmpty();
        synchronized (latencies) {
            return latencies.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
