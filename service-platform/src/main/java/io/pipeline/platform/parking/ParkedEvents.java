package io.pipeline.platform.parking;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * What this service's read models parked since it started: the counter {@code pipeline.events.parked} (tag
 * {@code read_model}) and the health endpoint's {@code parkedEvents} detail, per read model the count, the last reason
 * and when. Parked events leave the service {@code UP}: the read model carries on with the next events, and a parked
 * event is a matter for someone to look at on the dead-letter topic, not a reason to take the service out of rotation.
 */
public class ParkedEvents implements HealthIndicator {

    private record Last(String reason, Instant at) {
    }

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Last> last = new ConcurrentHashMap<>();

    public ParkedEvents(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Counts one parked event of {@code readModel}. */
    public void parked(String readModel, String reason) {
        meters.counter("pipeline.events.parked", "read_model", readModel).increment();
        counts.computeIfAbsent(readModel, k -> new AtomicLong()).incrementAndGet();
        last.put(readModel, new Last(reason, clock.instant()));
    }

    /** How many events {@code readModel} parked since the service started. */
    public long count(String readModel) {
        AtomicLong count = counts.get(readModel);
        return count == null ? 0 : count.get();
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        counts.forEach((readModel, count) -> {
            Last latest = last.get(readModel);
            details.put(readModel, Map.of("parked", count.get(), "lastReason", latest.reason(),
                    "lastParkedAt", latest.at().toString()));
        });
        return Health.up().withDetails(details).build();
    }
}
