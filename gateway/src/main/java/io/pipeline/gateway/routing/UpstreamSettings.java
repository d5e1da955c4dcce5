package io.pipeline.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param services each service behind the gateway by name (the routes' {@code lb://<name>}), at the base URLs of
 *                 its instances: one, or a comma-separated list ({@code LEAD_SERVICE_URL=http://a:8081,http://b:8081})
 * @param healthChecked whether an instance is offered only while its {@code /actuator/health} answers UP (then, with
 *                      none healthy, the answer is 503 without a connection attempt); off, every listed instance is
 *                      tried and a failed one answers 502 or 504
 */
@ConfigurationProperties("pipeline.gateway.upstreams")
public record UpstreamSettings(@DefaultValue Map<String, List<URI>> services,
                               @DefaultValue("true") boolean healthChecked) {

    /** The instances of {@code service}; empty for a name no route should use. */
    public List<URI> instancesOf(String service) {
        return services.getOrDefault(service, List.of());
    }
}
