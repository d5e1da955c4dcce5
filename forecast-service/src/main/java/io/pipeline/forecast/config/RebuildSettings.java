package io.pipeline.forecast.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param progressInterval how often a rebuild logs and publishes its progress
 * @param maxPollRecords   records one poll of the rebuild's consumer returns at most
 * @param copyRows         rows sent to PostgreSQL in one COPY
 * @param copyUntilLag     the bulk phase (COPY into unindexed tables) runs until the lag is at most this; the
 *                         rest is applied like the normal consumer does, into the indexed tables
 * @param takeOverLag      the rebuilt version takes over once its lag is at most this
 * @param takeOverTimeout  how long the rebuild waits for the serving consumer to switch
 */
@ConfigurationProperties("pipeline.forecast.rebuild")
public record RebuildSettings(@DefaultValue("5s") Duration progressInterval,
                              @DefaultValue("10000") int maxPollRecords,
                              @DefaultValue("20000") int copyRows,
                              @DefaultValue("500") long copyUntilLag,
                              @DefaultValue("200") long takeOverLag,
                              @DefaultValue("2m") Duration takeOverTimeout) {
}
