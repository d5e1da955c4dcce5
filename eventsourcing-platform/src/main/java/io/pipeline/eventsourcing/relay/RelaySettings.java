package io.pipeline.eventsourcing.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled     whether stored events are published to Kafka
 * @param source      the CloudEvents source of the published events, e.g. {@code /opportunity-service}
 * @param batchSize   events per relay transaction: one token update and one wait for acknowledgements per batch
 * @param sendTimeout how long a batch waits for Kafka's acknowledgements before it is rolled back and retried
 */
@ConfigurationProperties("pipeline.relay")
public record RelaySettings(@DefaultValue("true") boolean enabled,
                            @DefaultValue("/pipeline") String source,
                            @DefaultValue("100") int batchSize,
                            @DefaultValue("30s") Duration sendTimeout) {
}
