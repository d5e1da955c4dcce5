package io.pipeline.forecast.figures;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.index.SettledPeriod;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.readmodel.ServingReadModel;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once an index serves the figures (loaded at start-up, or a rebuilt version's after a take-over, which starts
 * with no running figures), starts the running org figures of the current fiscal quarter and month (today in the
 * business zone, by the service's clock) and of the quarter before on a background thread of its own, so that the first query of those
 * periods reads them instead of paying a pass over every deal. Neither start-up, the consumer nor a query waits
 * for it: a query of a period being warmed is computed from the histories meanwhile, and does not start the
 * period a second time. Every minute it also looks whether today has entered a new month or quarter, and warms
 * that. Off with {@code pipeline.forecast.warm-current-periods=false}.
 */
@Component
public class CurrentPeriodsWarmUp {

    private static final Logger log = LoggerFactory.getLogger(CurrentPeriodsWarmUp.class);

    private final ServingReadModel serving;
    private final FigureQueries queries;
    private final FiscalCalendar calendar;
    private final ForecastSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    /** How often a running service looks whether today has entered a new month or quarter. */
    static final Duration TURN_CHECK = Duration.ofMinutes(1);

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "forecast-warm-up");
        thread.setDaemon(true);
        return thread;
    });

    /** @param clock the application's clock ({@code ClockConfiguration}), which says which periods are current */
    public CurrentPeriodsWarmUp(ServingReadModel serving, FigureQueries queries, FiscalCalendar calendar,
                                ForecastSettings settings, MeterRegistry meters, Clock clock) {
        this.serving = serving;
        this.queries = queries;
        this.calendar = calendar;
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
        if (settings.warmCurrentPeriods()) {
            worker.scheduleWithFixedDelay(this::warmPeriodsTurnedCurrent, TURN_CHECK.toSeconds(),
                    TURN_CHECK.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Called in the thread that made the index serve (the consumer or the rebuild): only hands the work over. */
    @EventListener
    public void indexServing(ServingReadModel.IndexServing event) {
        if (settings.warmCurrentPeriods()) {
            worker.execute(() -> warmCurrentPeriods(event));
        }
    }

    /**
     * A service that runs across the turn of a month or quarter (or whose current period was dropped for eight
     * others asked since) warms the new current period too, instead of leaving its cost to the first query.
     */
    void warmPeriodsTurnedCurrent() {
        try {
            serving.index().ifPresent(index -> {
                Instant now = clock.instant();
                for (Period period : notKept(index, currentPeriods(calendar, settings.businessZone(), now))) {
                    long start = System.nanoTime();
                    warm(index, queries.context(period, Scope.ORG, now), serving.model().version())
                            .ifPresent(kept -> timer(period).record(Duration.ofNanos(System.nanoTime() - start)));
                }
            });
        } catch (RuntimeException e) {
            // the next check tries again; meanwhile a query starts the period as without a warm-up
            log.warn("running figures warm-up of the current periods failed", e);
        }
    }

    /** Of {@code periods}, those whose running figures the index does not keep ready. */
    static List<Period> notKept(DealIndex index, List<Period> periods) {
        return periods.stream().filter(period -> !index.keeps(period)).toList();
    }

    private Timer timer(Period period) {
        return Timer.builder("pipeline.forecast.index.warm-up")
                .tag("kind", period.kind().name().toLowerCase(Locale.ROOT)).register(meters);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void warmCurrentPeriods(ServingReadModel.IndexServing event) {
        warmEachPeriod(event);
        if (collectConcurrently()) {
            log.info("warm-up ended with a concurrent collection version={}", event.model().version());
        }
    }

    /**
     * What the index load and the warm-up built is still in the young generation, and the first collection after
     * them copies all of it in one pause (0.6-1.7 s at a 1M-deal org, under some user's query). Where the JVM runs
     * {@code System.gc()} as a concurrent cycle ({@code -XX:+ExplicitGCInvokesConcurrent}, as the local stack starts
     * forecast-service), that pause is taken here, once, instead; elsewhere nothing is done (a full collection would
     * stop the service for longer).
     *
     * @return whether it collected
     */
    static boolean collectConcurrently() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null || !Boolean.parseBoolean(hotspot.getVMOption("ExplicitGCInvokesConcurrent").getValue())) {
            return false;
        }
        System.gc();
        return true;
    }

    private void warmEachPeriod(ServingReadModel.IndexServing event) {
        Instant now = clock.instant();
        List<Period> periods = new ArrayList<>(currentPeriods(calendar, settings.businessZone(), now));
        periods.addAll(earlierTrendQuarters(calendar, settings.businessZone(), now));
        for (int i = 0; i < periods.size(); i++) {
            Period period = periods.get(i);
            if (i >= CURRENT_PERIODS && event.index().keptPeriods() >= event.index().keptPeriodLimit() - 1) {
                log.info("running figures warm-up stopped before period={} version={}: the heap holds {} kept"
                        + " periods, one stays free for the periods asked", period.id(), event.model().version(),
                        event.index().keptPeriodLimit());
                return;
            }
            if (serving.index().orElse(null) != event.index()) {
                log.info("running figures warm-up skipped period={} version={}: another index serves now",
                        period.id(), event.model().version());
                return;
            }
            try {
                long start = System.nanoTime();
                warm(event.index(), queries.context(period, Scope.ORG, now), event.model().version())
                        .ifPresent(kept -> timer(period).record(Duration.ofNanos(System.nanoTime() - start)));
            } catch (RuntimeException e) {
                // nothing is lost: the first query of the period starts its running figures as without a warm-up
                log.warn("running figures warm-up failed period={} version={}", period.id(),
                        event.model().version(), e);
            }
            if (i == 0) {
                learnTheWeightedForecast(period, now, event.model().version());
            }
        }
    }

    /**
     * The org's weighted forecast of the current quarter learns from the quarters before (a walk of their deals):
     * learnt here once, the index keeps it for the day's queries (until the plan or an earlier event changes it).
     */
    private void learnTheWeightedForecast(Period quarter, Instant now, int version) {
        long start = System.nanoTime();
        try {
            queries.weightedForecast(quarter, Scope.ORG, now);
            log.info("weighted forecast learnt period={} version={} millis={}", quarter.id(), version,
                    Math.round((System.nanoTime() - start) / 1e6));
        } catch (RuntimeException e) {
            // the first query learns it instead
            log.warn("weighted forecast warm-up failed period={} version={}", quarter.id(), version, e);
        }
    }

    /** How many of the periods warmed are the current ones ({@link #currentPeriods}); the trend's follow. */
    static final int CURRENT_PERIODS = 3;

    /** The quarters the dashboard's trends show (conversion, pipeline created): eight ending at the current one. */
    static final int TREND_QUARTERS = 8;

    /**
     * The quarters of the trend before the current and the previous one, newest first: warmed after the current
     * periods while the heap holds them, so the trend screens read eight kept quarters, not eight walks of the deals.
     */
    static List<Period> earlierTrendQuarters(FiscalCalendar calendar, ZoneId zone, Instant now) {
        List<Period> quarters = new ArrayList<>();
        Period quarter = calendar.quarterOf(LocalDate.ofInstant(now, zone));
        for (int i = 1; i < TREND_QUARTERS; i++) {
            quarter = calendar.quarterOf(quarter.start().minusDays(1));
            if (i >= 2) {
                quarters.add(quarter);
            }
        }
        return quarters;
    }

    /**
     * The fiscal quarter and month that hold {@code now}'s date in the business zone, and the quarter before: how
     * the last quarter closed is the other period a board is most often switched to.
     */
    static List<Period> currentPeriods(FiscalCalendar calendar, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        Period quarter = calendar.quarterOf(today);
        return List.of(quarter, calendar.monthOf(today), calendar.quarterOf(quarter.start().minusDays(1)));
    }

    /**
     * Starts the period's running org figures in the calling thread, logging when it starts and finishes.
     *
     * @return the started figures, empty when the period was kept or being started already
     */
    static Optional<SettledPeriod> warm(DealIndex index, FigureContext ctx, int version) {
        long start = System.nanoTime();
        log.info("running figures warm-up started period={} version={} indexDeals={}", ctx.period().id(), version,
                index.dealCount());
        Optional<SettledPeriod> started = index.warm(ctx);
        // a first query "now" also reads the foreign-currency deals' parts at today's rates and puts the sums
        // together per scope of the plan's organisation (the board's drill-down): done here, not by a user
        started.ifPresent(kept -> kept.categoryTotalsBelow(ctx, ctx.hierarchy().childrenOf(ctx.scope())));
        long millis = Math.round((System.nanoTime() - start) / 1e6);
        started.ifPresentOrElse(
                kept -> log.info("running figures warm-up done period={} version={} deals={} indexDeals={} millis={}",
                        ctx.period().id(), version, kept.deals(), index.dealCount(), millis),
                () -> log.info("running figures warm-up skipped period={} version={} millis={}: already kept or"
                        + " being started", ctx.period().id(), version, millis));
        return started;
    }
}
