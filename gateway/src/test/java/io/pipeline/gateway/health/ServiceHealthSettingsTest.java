package io.pipeline.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceHealthSettingsTest {

    @Test
    void aServiceWithOneInstanceShowsUnderItsNameAndEachOfSeveralUnderItsNumber() {
        Map<String, List<URI>> services = new LinkedHashMap<>();
        services.put("lead-service", List.of(URI.create("http://a:8081")));
        services.put("opportunity-service", List.of(URI.create("http://b:8082"), URI.create("http://c:8082")));

        var instances = new ServiceHealthSettings(services, Duration.ofSeconds(1)).instances();

        assertThat(instances).containsExactly(
                Map.entry("lead-service", URI.create("http://a:8081")),
                Map.entry("opportunity-service-1", URI.create("http://b:8082")),
                Map.entry("opportunity-service-2", URI.create("http://c:8082")));
    }
}
