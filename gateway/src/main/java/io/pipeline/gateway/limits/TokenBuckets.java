package io.pipeline.gateway.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per client, in memory: each request takes a token, tokens come back at a steady rate up to the
 * burst size. In memory is enough for one gateway instance; several instances each allow the full rate (a shared
 * store such as Redis would fix that, and is not here).
 */
public final class TokenBuckets {

    private record Bucket(double tokens, long updatedAtNanos) {
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double perNano;
    private final int maxClients;

    public TokenBuckets(int burst, double perSecond, int maxClients) {
        this.capacity = burst;
        this.perNano = perSecond / 1e9;
        this.maxClients = maxClients;
    }

    /** Takes a token for the client: empty when allowed, else how long until one is there. */
    public Duration take(String client, long nowNanos) {
        if (buckets.size() >= maxClients) {
            forgetFullBuckets(nowNanos);
        }
        double[] waitNanos = {0};
        buckets.compute(client, (key, bucket) -> {
            double tokens = bucket == null ? capacity
                    : Math.min(capacity, bucket.tokens() + (nowNanos - bucket.updatedAtNanos()) * perNano);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, nowNanos);
            }
            waitNanos[0] = (1 - tokens) / perNano;
            return new Bucket(tokens, nowNanos);
        });
        return Duration.ofNanos((long) Math.ceil(waitNanos[0]));
    }

    private void forgetFullBuckets(long nowNanos) {
        buckets.entrySet().removeIf(e -> e.getValue().tokens() + (nowNanos - e.getValue().updatedAtNanos()) * perNano
                >= capacity);
    }
}
