package io.pipeline.gateway.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The health of each service behind the gateway, probed at its own {@code /actuator/health}: which one is down
 * (while the local stack restarts it, say) shows in the gateway's health as {@code services}. A service down does
 * not make the gateway DOWN (restarting the gateway would not help): the component is then {@link #DEGRADED},
 * which the gateway's status order ranks below UP, with each service's status or failure in the details.
 */
@Component("services")
@EnableConfigurationProperties(ServiceHealthSettings.class)
public class ServicesHealthIndicator implements ReactiveHealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "a service behind the gateway is not UP");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private final ServiceHealthSettings settings;
    private final HttpClient http;

    public ServicesHealthIndicator(ServiceHealthSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public Mono<Health> health() {
        return Flux.fromIterable(settings.instances().entrySet())
                .flatMap(service -> probe(service.getValue()).map(status -> Map.entry(service.getKey(), status)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new)
                .map(statuses -> (statuses.values().stream().allMatch("UP"::equals) ? Health.up()
                        : Health.status(DEGRADED)).withDetails(statuses).build());
    }

    /** The service's own status ("UP", "OUT_OF_SERVICE", ...), or "DOWN (...)" when it does not answer. */
    private Mono<String> probe(URI service) {
        HttpRequest request = HttpRequest.newBuilder(service.resolve("/actuator/health")).timeout(settings.timeout())
                .build();
        return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    Matcher status = STATUS.matcher(response.body());
                    return status.find() ? status.group(1) : "DOWN (HTTP " + response.statusCode() + ")";
                })
                .onErrorResume(e -> Mono.just("DOWN (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
    }
}
