package io.pipeline.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param services each service behind the gateway by name, at its base URL (its health is {@code /actuator/health})
 * @param timeout  how long one probe waits for a service's answer
 */
@ConfigurationProperties("pipeline.gateway.health")
public record ServiceHealthSettings(@DefaultValue Map<String, URI> services, @DefaultValue("2s") Duration timeout) {
}
