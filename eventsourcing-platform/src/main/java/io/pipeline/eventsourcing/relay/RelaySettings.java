package io.pipeline.eventsourcing.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled         whether stored events are published to Kafka
 * @param source          the CloudEvents source of the published events, e.g. {@code /opportunity-service}
 * @param batchSize       events per relay transaction and segment: one token update and one wait for
 *                        acknowledgements per batch
 * @param sendTimeout     how long a batch waits for Kafka's acknowledgements before it is rolled back and retried
 * @param segments        segments of the relay's processor when its tokens are first made (an existing store keeps
 *                        the count it has): events of one aggregate always fall in one segment, and the segments
 *                        are published side by side, split between the running instances
 * @param threads         threads publishing segments side by side in one instance
 * @param claimInterval   how often an instance looks for segments nobody claims (a released or abandoned one)
 * @param balanceInterval how often an instance announces itself and recounts the running instances, whose fair
 *                        share of the segments it then claims at most; an instance not heard of for three
 *                        intervals counts as gone
 */
@ConfigurationProperties("pipeline.relay")
public record RelaySettings(@DefaultValue("true") boolean enabled,
                            @DefaultValue("/pipeline") String source,
                            @DefaultValue("500") int batchSize,
                            @DefaultValue("30s") Duration sendTimeout,
                            @DefaultValue("2") int segments,
                            @DefaultValue("2") int threads,
                            @DefaultValue("2s") Duration claimInterval,
                            @DefaultValue("5s") Duration balanceInterval) {
}
