package io.pipeline.eventsourcing.relay;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits the relay's segments between the instances of a service on one database. Each instance announces itself
 * in {@code relay_instance} every balance interval and counts the instances heard of within three intervals; it then
 * claims at most its fair share, {@code ceil(segments / instances)}. Axon's coordinator releases what an instance
 * holds beyond that (after the batch in progress committed its token), and another instance claims it; when an
 * instance stops announcing itself, the others' share grows and they take its segments once its claims time out.
 */
public class RelayInstances implements MaxSegmentProvider, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelayInstances.class);

    private final JdbcTemplate jdbc;
    private final String processor;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final int segments;
    private final Duration interval;
    private final ScheduledExecutorService ticker;
    private volatile int share;
    private volatile int instances = 1;

    public RelayInstances(DataSource dataSource, String processor, int segments, Duration interval) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.processor = processor;
        this.segments = segments;
        this.interval = interval;
        this.share = segments;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "relay-instances");
            thread.setDaemon(true);
            return thread;
        });
    }

    private volatile boolean running;

    /** Announces this instance now and then every interval (after start-up: Flyway made the table by then). */
    @Override
    public void start() {
        running = true;
        ticker.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void tick() {
        try {
            Instant now = Instant.now();
            jdbc.update("""
                    insert into relay_instance (processor, instance, heartbeat) values (?, ?, ?)
                    on conflict (processor, instance) do update set heartbeat = excluded.heartbeat""",
                    processor, instance, Timestamp.from(now));
            Timestamp aliveSince = Timestamp.from(now.minus(interval.multipliedBy(3)));
            jdbc.update("delete from relay_instance where processor = ? and heartbeat < ?", processor,
                    Timestamp.from(now.minus(interval.multipliedBy(30))));
            Integer live = jdbc.queryForObject(
                    "select count(*) from relay_instance where processor = ? and heartbeat >= ?", Integer.class,
                    processor, aliveSince);
            int running = Math.max(1, live == null ? 1 : live);
            int next = (segments + running - 1) / running;
            if (running != instances) {
                log.info("relay instances changed processor={} instances={} segmentsPerInstance={} instance={}",
                        processor, running, next, instance);
            }
            instances = running;
            share = next;
        } catch (RuntimeException e) {
            // without a heartbeat the share stays as it was: the segments held keep being published
            log.warn("relay instance heartbeat failed processor={} instance={}", processor, instance, e);
        }
    }

    @Override
    public int getMaxSegments(String processingGroup) {
        return share;
    }

    public int instances() {
        return instances;
    }

    /** Stops announcing and says so at once, so the others take the segments this instance releases on stop. */
    @Override
    public void stop() {
        running = false;
        ticker.shutdownNow();
        try {
            jdbc.update("delete from relay_instance where processor = ? and instance = ?", processor, instance);
        } catch (RuntimeException e) {
            log.warn("relay instance could not sign off processor={} instance={}", processor, instance, e);
        }
    }
}
