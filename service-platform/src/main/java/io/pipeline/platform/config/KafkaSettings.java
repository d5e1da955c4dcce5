package io.pipeline.platform.config;

import io.pipeline.contract.KafkaClients;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kafka is and how long a client waits for it.
 *
 * @param bootstrapServers comma-separated host:port list ({@code KAFKA_BOOTSTRAP_SERVERS} in the environment)
 * @param requestTimeout   how long one send or poll may wait for the broker before it counts as failed
 */
@ConfigurationProperties("pipeline.kafka")
public record KafkaSettings(@DefaultValue("127.0.0.1:19092") String bootstrapServers,
                            @DefaultValue("15s") Duration requestTimeout) {

    /** The clients of this service, with the settings every Pipeline client shares. */
    public KafkaClients clients() {
        return new KafkaClients(bootstrapServers);
    }
}
