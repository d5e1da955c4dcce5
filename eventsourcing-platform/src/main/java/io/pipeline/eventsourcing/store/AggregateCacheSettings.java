package io.pipeline.eventsourcing.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cachedAggregates how many aggregates the command side keeps in memory between commands (beyond it,
 *                         Caffeine drops the one least likely to be used again); an update of a cached
 *                         aggregate reads only the store's last sequence number of it (to see another instance's
 *                         append) before its append
 */
@ConfigurationProperties("pipeline.eventsourcing")
public record AggregateCacheSettings(@DefaultValue("50000") int cachedAggregates) {
}
