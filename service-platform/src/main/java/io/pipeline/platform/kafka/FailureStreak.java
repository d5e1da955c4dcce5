package io.pipeline.platform.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;

/**
 * What a consumer that retries instead of skipping tells its health component: the record (or batch) being
 * retried, since when, how often, and why; DOWN once it kept failing for longer than {@code stuckAfter}, or while
 * the consumer does not run at all. Written by the consumer's thread, read by health requests.
 */
public final class FailureStreak {

    /** @param where the record or batch being retried, e.g. {@code pipeline.plan.v1@12} */
    private record Failing(String where, Instant since, int attempts, String error) {
    }

    private final Clock clock;
    private final Duration stuckAfter;
    private volatile Failing failing;

    public FailureStreak(Clock clock, Duration stuckAfter) {
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    /** Another failed attempt at {@code where}; a streak at another place starts anew. */
    public void failed(String where, Throwable error) {
        Failing before = failing;
        boolean same = before != null && before.where().equals(where);
        Throwable cause = error.getCause() == null ? error : error.getCause();
        failing = new Failing(where, same ? before.since() : clock.instant(), same ? before.attempts() + 1 : 1,
                String.valueOf(cause));
    }

    /** It went through: the streak is over. */
    public void ended() {
        failing = null;
    }

    /**
     * @param running whether the consumer runs at all (its container, its thread)
     * @param details what the component shows besides, e.g. the group
     */
    public Health health(boolean running, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        Failing now = failing;
        boolean stuck = false;
        if (now != null) {
            stuck = Duration.between(now.since(), clock.instant()).compareTo(stuckAfter) > 0;
            all.put("retrying", now.where());
            all.put("attempts", now.attempts());
            all.put("failingSince", now.since().toString());
            all.put("lastError", now.error());
        }
        if (!running) {
            return Health.down().withDetail("reason", "the consumer is not running").withDetails(all).build();
        }
        return (stuck ? Health.down().withDetail("reason", "it has kept failing for longer than " + stuckAfter)
                : Health.up()).withDetails(all).build();
    }
}
