package io.pipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production compose file can't run here (no Docker), so this reads it: each service must be configured only
 * with environment variables it really reads (a placeholder in its own configuration or a shared module's
 * defaults), and with the same ones the local stack gives it.
 */
class ProductionLayoutTest {

    static final Path REPOSITORY = Path.of(System.getProperty("pipeline.repository.root", "..")).toAbsolutePath()
            .normalize();
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    static final String PLATFORM = "service-platform/src/main/resources/META-INF/pipeline-defaults.properties";
    static final String EVENT_SOURCING = "eventsourcing-platform/src/main/resources/META-INF/pipeline-defaults.properties";

    /** The configuration files each service reads, its own and those of the shared modules it depends on. */
    static final Map<String, List<String>> CONFIGURATION = Map.of(
            "lead-service", List.of("lead-service/src/main/resources/application.yml", PLATFORM, EVENT_SOURCING),
            "opportunity-service", List.of("opportunity-service/src/main/resources/application.yml", PLATFORM,
                    EVENT_SOURCING),
            "forecast-service", List.of("forecast-service/src/main/resources/application.yml", PLATFORM),
            "gateway", List.of("gateway/src/main/resources/application.yml"));

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> composeServices() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(REPOSITORY.resolve("infra/production/docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    /** Read by the JVM, not by the service's configuration: the local stack gives the same on the command line. */
    static final String JVM_VARIABLE = "JAVA_TOOL_OPTIONS";

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    /** The variables the service's configuration reads (the JVM's own left out). */
    static Set<String> environmentKeys(Map<String, Object> service) {
        Set<String> keys = new TreeSet<>(environment(service).keySet());
        keys.remove(JVM_VARIABLE);
        return keys;
    }

    static Set<String> keysRead(String service) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String file : CONFIGURATION.get(service)) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(REPOSITORY.resolve(file)));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    @Test
    void everyVariableGivenToAServiceIsOneItReads() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        for (String service : CONFIGURATION.keySet()) {
            assertThat(services).as("compose defines " + service).containsKey(service);
            assertThat(keysRead(service)).as(service + " reads every variable compose gives it")
                    .containsAll(environmentKeys(services.get(service)));
        }
    }

    @Test
    void productionGivesEachServiceTheVariablesTheLocalStackGivesIt() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        var local = ServiceFleet.plan(REPOSITORY, new ServiceFleet.Ports(1, 2, 3, 4), "kafka:9092",
                new ServiceFleet.Database("u", "n", "p"), new ServiceFleet.Database("u", "n", "p"),
                new ServiceFleet.Database("u", "n", "p"));
        for (ServiceProcess.Spec spec : local) {
            Set<String> expected = new TreeSet<>(spec.environment().keySet());
            expected.add("SERVER_PORT");
            assertThat(environmentKeys(services.get(spec.name()))).as(spec.name()).isEqualTo(expected);
        }
    }

    @Test
    void everyServiceJvmExitsOnOutOfMemoryInProductionAndOnTheLocalStack() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        for (String service : CONFIGURATION.keySet()) {
            assertThat(String.valueOf(environment(services.get(service)).get(JVM_VARIABLE))).as(service)
                    .contains("-XX:+ExitOnOutOfMemoryError");
        }
        assertThat(ServiceProcess.JVM_OPTIONS).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theRequiredSettingsHaveNoSecretDefaultsInCompose() throws IOException {
        Set<String> literalPasswords = composeServices().entrySet().stream()
                .filter(e -> e.getValue().get("environment") instanceof Map<?, ?> env
                        && env.containsKey("JDBC_PASSWORD") && !String.valueOf(env.get("JDBC_PASSWORD")).startsWith("${"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(literalPasswords).isEmpty();
    }
}
