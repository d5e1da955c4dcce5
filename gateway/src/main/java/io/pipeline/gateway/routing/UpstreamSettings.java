package io.pipeline.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param services each service behind the gateway by name (the routes' {@code lb://<name>}), at the base URLs of
 *                 its instances: one, or a comma-separated list ({@code LEAD_SERVICE_URL=http://a:8081,http://b:8081})
 */
@ConfigurationProperties("pipeline.gateway.upstreams")
public record UpstreamSettings(@DefaultValue Map<String, List<URI>> services) {

    /** The instances of {@code service}; empty for a name no route should use. */
    public List<URI> instancesOf(String service) {
        return services.getOrDefault(service, List.of());
    }
}
