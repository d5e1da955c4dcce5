package io.pipeline.gateway.limits;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one client may send through the gateway.
 *
 * @param maxRequestSize  a request announcing a larger body is refused with 413 before it is read
 * @param largerBodies    paths that take larger bodies (a CRM import's files), each with its own limit
 * @param burst           requests a client may send at once (the bucket's size)
 * @param perSecond       requests per second a client may keep up (the bucket's refill)
 * @param maxTrackedClients buckets kept in memory; beyond it, full (idle) buckets are forgotten first
 */
@ConfigurationProperties("pipeline.gateway.limits")
public record LimitSettings(@DefaultValue("1MB") DataSize maxRequestSize,
                            @DefaultValue List<LargerBody> largerBodies,
                            @DefaultValue("200") int burst,
                            @DefaultValue("100") double perSecond,
                            @DefaultValue("100000") int maxTrackedClients) {

    /** @param path the path itself or any path below it */
    public record LargerBody(String path, DataSize maxSize) {
        boolean covers(String requestPath) {
            return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    /** The largest body accepted on this path. */
    public long maxBytesFor(String requestPath) {
        return largerBodies.stream().filter(b -> b.covers(requestPath)).mapToLong(b -> b.maxSize().toBytes())
                .findFirst().orElse(maxRequestSize.toBytes());
    }

    /** How long a refused client should wait for one request's worth of tokens. */
    public Duration oneRequest() {
        return Duration.ofNanos((long) (1_000_000_000L / perSecond));
    }
}
