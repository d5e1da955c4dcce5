package io.pipeline.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param services each service behind the gateway by name, at the base URLs of its instances (one, or a
 *                 comma-separated list; each instance's health is {@code /actuator/health})
 * @param timeout  how long one probe waits for a service's answer
 */
@ConfigurationProperties("pipeline.gateway.health")
public record ServiceHealthSettings(@DefaultValue Map<String, List<URI>> services, @DefaultValue("2s") Duration timeout) {

    /**
     * Each instance to probe under the name its status shows: the service's name when it has one instance, else
     * {@code <service>-1}, {@code <service>-2}, ... in the order listed (the production layouts' names).
     */
    public Map<String, URI> instances() {
        Map<String, URI> instances = new LinkedHashMap<>();
        services.forEach((service, urls) -> {
            for (int i = 0; i < urls.size(); i++) {
                instances.put(urls.size() == 1 ? service : service + "-" + (i + 1), urls.get(i));
            }
        });
        return instances;
    }
}
