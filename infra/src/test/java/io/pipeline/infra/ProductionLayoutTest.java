package io.pipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The production layouts can't run here (no Docker, no Kubernetes), so this reads them: the cluster shape (three
 * Kafka brokers, two instances of each service, the gateway given both), each service configured only with
 * environment variables it really reads (a placeholder in its own configuration or a shared module's defaults),
 * and with the same ones the local stack gives it.
 */
class ProductionLayoutTest {

    static final Path REPOSITORY = Path.of(System.getProperty("pipeline.repository.root", "..")).toAbsolutePath()
            .normalize();
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    /** Where the shared modules keep the defaults files a service's application.yml imports from the class path. */
    static final List<String> SHARED_RESOURCES = List.of("service-platform/src/main/resources/",
            "eventsourcing-platform/src/main/resources/");

    /** The configuration files each service reads: its own and the shared defaults files it imports. */
    static final Map<String, List<String>> CONFIGURATION = Map.of(
            "lead-service", withImports("lead-service/src/main/resources/application.yml"),
            "opportunity-service", withImports("opportunity-service/src/main/resources/application.yml"),
            "forecast-service", withImports("forecast-service/src/main/resources/application.yml"),
            "gateway", withImports("gateway/src/main/resources/application.yml"));

    /** {@code applicationYml} and each {@code classpath:} file its {@code spring.config.import} names, as sources. */
    @SuppressWarnings("unchecked")
    static List<String> withImports(String applicationYml) {
        List<String> files = new ArrayList<>(List.of(applicationYml));
        try {
            for (Object document : new Yaml().loadAll(Files.readString(REPOSITORY.resolve(applicationYml)))) {
                Object spring = document instanceof Map<?, ?> map ? map.get("spring") : null;
                Object config = spring instanceof Map<?, ?> map ? map.get("config") : null;
                Object imports = config instanceof Map<?, ?> map ? map.get("import") : null;
                if (imports == null) {
                    continue;
                }
                for (String location : imports.toString().split(",")) {
                    String path = location.strip().replaceFirst("^classpath:", "");
                    files.add(SHARED_RESOURCES.stream().map(root -> root + path)
                            .filter(file -> Files.exists(REPOSITORY.resolve(file))).findFirst()
                            .orElseThrow(() -> new AssertionError(applicationYml + " imports " + location
                                    + ", which no shared module offers")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(files);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> composeServices() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(REPOSITORY.resolve("infra/production/docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    /** The command and read services run as two instances each; the gateway as one in compose. */
    static final List<String> PAIRED = List.of("lead-service", "opportunity-service", "forecast-service");
    static final Map<String, Integer> PORTS = Map.of("lead-service", 8081, "opportunity-service", 8082,
            "forecast-service", 8083);

    /** The compose entries running {@code service}: {@code <service>-1} and {@code -2}, or the gateway itself. */
    static List<Map<String, Object>> instances(Map<String, Map<String, Object>> services, String service) {
        if (!PAIRED.contains(service)) {
            assertThat(services).as("compose defines " + service).containsKey(service);
            return List.of(services.get(service));
        }
        assertThat(services).as("compose runs two instances of " + service)
                .containsKeys(service + "-1", service + "-2").doesNotContainKey(service);
        return List.of(services.get(service + "-1"), services.get(service + "-2"));
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

    /**
     * The variables a service reads: the placeholders in its configuration files, and the environment names of its
     * typed settings (each component of a {@code @ConfigurationProperties} record in the same modules' sources,
     * {@code pipeline.forecast.consumer-group} as {@code PIPELINE_FORECAST_CONSUMERGROUP}: Spring's relaxed binding
     * reads them without a placeholder).
     */
    static Set<String> keysRead(String service) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String file : CONFIGURATION.get(service)) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(REPOSITORY.resolve(file)));
            while (m.find()) {
                keys.add(m.group(1));
            }
            Path sources = REPOSITORY.resolve(Path.of(file).getName(0)).resolve("src/main/java");
            try (var paths = Files.walk(sources)) {
                for (Path source : paths.filter(path -> path.toString().endsWith(".java")).toList()) {
                    keys.addAll(settingsVariables(Files.readString(source)));
                }
            }
        }
        return keys;
    }

    static final Pattern SETTINGS_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)[^{]*?\\brecord\\s+\\w+\\s*\\(");
    static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(\\([^)]*\\))?");

    /** The environment variable of each top-level component of the source's settings record, if it has one. */
    static Set<String> settingsVariables(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Matcher m = SETTINGS_RECORD.matcher(code);
        Set<String> variables = new TreeSet<>();
        if (!m.find()) {
            return variables;
        }
        String prefix = m.group(1);
        int depth = 0;
        StringBuilder component = new StringBuilder();
        List<String> components = new java.util.ArrayList<>();
        for (int i = m.end(); i < code.length() && depth >= 0; i++) {
            char c = code.charAt(i);
            depth += (c == '(' || c == '<') ? 1 : (c == ')' || c == '>') ? -1 : 0;
            if ((c == ',' && depth == 0) || depth < 0) {
                components.add(component.toString());
                component.setLength(0);
            } else {
                component.append(c);
            }
        }
        for (String declared : components) {
            String[] words = ANNOTATION.matcher(declared).replaceAll(" ").trim().split("\\s+");
            String name = words[words.length - 1];
            variables.add((prefix + "." + name).replace(".", "_").replace("-", "").toUpperCase());
        }
        return variables;
    }

    @Test
    void everyVariableGivenToAServiceIsOneItReads() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        for (String service : CONFIGURATION.keySet()) {
            for (Map<String, Object> instance : instances(services, service)) {
                assertThat(keysRead(service)).as(service + " reads every variable compose gives it")
                        .containsAll(environmentKeys(instance));
            }
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
            if (spec.name().equals("gateway")) {
                // the session login's client registration: only production signs in through an OIDC issuer
                expected.addAll(SESSION_LOGIN_CLIENT);
            }
            List<Map<String, Object>> instances = instances(services, spec.name());
            for (int i = 0; i < instances.size(); i++) {
                Set<String> expectedHere = new TreeSet<>(expected);
                if (spec.name().equals("forecast-service") && i > 0) {
                    // as on the local --cluster: the second forecast instance consumes every partition in its own group
                    expectedHere.add(ServiceFleet.FORECAST_CONSUMER_GROUP);
                }
                assertThat(environmentKeys(instances.get(i))).as(spec.name() + " " + (i + 1)).isEqualTo(expectedHere);
            }
        }
    }

    @Test
    void eachForecastInstanceKeepsItsOwnReadModelsAndConsumesEveryPartitionInItsOwnGroup() throws IOException {
        List<Map<String, Object>> forecast = instances(composeServices(), "forecast-service");
        assertThat(forecast).hasSize(2);
        assertThat(forecast.stream().map(instance -> environment(instance).get("JDBC_URL")).distinct())
                .as("one read-model database per instance").hasSize(2);
        assertThat(forecast.stream().map(instance -> String.valueOf(
                environment(instance).getOrDefault(ServiceFleet.FORECAST_CONSUMER_GROUP, "default"))).distinct())
                .as("one consumer group per instance").hasSize(2);
        assertThat(Files.readString(REPOSITORY.resolve("infra/production/postgres-init/01-databases.sql")))
                .contains("create database forecast_2;");
    }

    @Test
    void eachForecastPodOnKubernetesKeepsItsOwnReadModelsAndGroupNamedAfterItsStablePodName() throws IOException {
        Map<String, Object> forecast = kubernetes("StatefulSet").get("forecast-service");
        Map<String, Map<String, Object>> env = containerEnvironment(forecast);
        assertThat((String) at(env.get("POD_NAME"), "valueFrom", "fieldRef", "fieldPath")).isEqualTo("metadata.name");
        // pods forecast-service-0 and -1: databases .../forecast-service-0 and -1, groups of the same names
        assertThat(env.get("JDBC_URL")).containsEntry("value", "$(FORECAST_JDBC_SERVER)/$(POD_NAME)");
        assertThat(env.get(ServiceFleet.FORECAST_CONSUMER_GROUP)).containsEntry("value", "$(POD_NAME)");
        List<String> order = List.copyOf(env.keySet());
        assertThat(order.indexOf("POD_NAME")).as("defined before the values composed of it")
                .isLessThan(order.indexOf("JDBC_URL")).isLessThan(order.indexOf(ServiceFleet.FORECAST_CONSUMER_GROUP));
        assertThat(order.indexOf("FORECAST_JDBC_SERVER")).isLessThan(order.indexOf("JDBC_URL"));
        assertThat((String) at(kubernetes("ConfigMap").get("pipeline-config"), "data", "FORECAST_JDBC_SERVER"))
                .startsWith("jdbc:postgresql://").doesNotEndWith("/");
        assertThat((String) at(forecast, "spec", "updateStrategy", "type")).isEqualTo("RollingUpdate");
        // the typed setting's environment name, read without a placeholder (relaxed binding)
        assertThat(keysRead("forecast-service")).contains(ServiceFleet.FORECAST_CONSUMER_GROUP,
                "PIPELINE_FORECAST_MAXPOLLRECORDS", "PIPELINE_FORECAST_WARMCURRENTPERIODS");
    }

    @Test
    void everyServiceJvmExitsOnOutOfMemoryInProductionAndOnTheLocalStack() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        for (String service : CONFIGURATION.keySet()) {
            for (Map<String, Object> instance : instances(services, service)) {
                assertThat(String.valueOf(environment(instance).get(JVM_VARIABLE))).as(service)
                        .contains("-XX:+ExitOnOutOfMemoryError");
            }
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

    static final Set<String> SESSION_LOGIN_CLIENT = Set.of("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET");

    /** The dashboard signs in through the issuer; the client secret comes from outside, never from the file. */
    @Test
    @SuppressWarnings("unchecked")
    void productionSignsTheDashboardInThroughTheIssuerWithTheClientSecretFromASecret() throws IOException {
        Map<String, Object> gateway = environment(composeServices().get("gateway"));
        assertThat(gateway).containsEntry("SESSION_LOGIN_ENABLED", "true")
                .containsEntry("DEV_TOKEN_ISSUER_ENABLED", "false");
        assertThat(String.valueOf(gateway.get("OIDC_CLIENT_SECRET"))).startsWith("${OIDC_CLIENT_SECRET:?");
        assertThat(String.valueOf(gateway.get("OIDC_CLIENT_ID"))).startsWith("${OIDC_CLIENT_ID:?");

        Map<String, Map<String, Object>> env = containerEnvironment(kubernetes("Deployment").get("gateway"));
        assertThat(env.get("SESSION_LOGIN_ENABLED")).containsEntry("value", "true");
        assertThat((String) at(env.get("OIDC_CLIENT_SECRET"), "valueFrom", "secretKeyRef", "name"))
                .isEqualTo("pipeline-secrets");
        assertThat((String) at(env.get("OIDC_CLIENT_SECRET"), "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("oidc-client-secret");
        assertThat((String) at(kubernetes("Secret").get("pipeline-secrets"), "stringData", "oidc-client-secret"))
                .isNotBlank();
        // two gateway replicas, each holding its sessions in memory: a browser stays on one
        assertThat((String) at(kubernetes("Service").get("gateway"), "spec", "sessionAffinity")).isEqualTo("ClientIP");
    }

    @Test
    void composeRunsThreeReplicatingBrokersAndTheGatewayBalancesOverBothInstancesOfEachService() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        for (int n = 1; n <= 3; n++) {
            Map<String, Object> broker = environment(services.get("kafka-" + n));
            assertThat(broker).as("kafka-" + n)
                    .containsEntry("KAFKA_NODE_ID", String.valueOf(n))
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka-" + n + ":9092")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3");
            assertThat(broker.get("CLUSTER_ID")).isNotNull();
        }
        assertThat(services.keySet().stream().filter(name -> name.startsWith("kafka"))).hasSize(3);
        Map<String, Object> gateway = environment(services.get("gateway"));
        for (String service : PAIRED) {
            for (Map<String, Object> instance : instances(services, service)) {
                assertThat(environment(instance)).as(service)
                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092")
                        .containsEntry("SERVER_PORT", String.valueOf(PORTS.get(service)));
            }
            String variable = service.replace("-service", "").toUpperCase() + "_SERVICE_URL";
            assertThat(gateway).as("the gateway's " + variable).containsEntry(variable,
                    "http://" + service + "-1:" + PORTS.get(service) + ",http://" + service + "-2:" + PORTS.get(service));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> kubernetes(String kind) throws IOException {
        Map<String, Map<String, Object>> byName = new java.util.TreeMap<>();
        for (Object document : new Yaml().loadAll(Files.readString(
                REPOSITORY.resolve("infra/production/kubernetes/pipeline.yaml")))) {
            Map<String, Object> resource = (Map<String, Object>) document;
            if (kind.equals(resource.get("kind"))) {
                byName.put((String) ((Map<String, Object>) resource.get("metadata")).get("name"), resource);
            }
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = step.matches("\\d+") ? ((List<Object>) current).get(Integer.parseInt(step))
                    : ((Map<String, Object>) current).get(step);
        }
        return (T) current;
    }

    /**
     * Each service's workload: a Deployment of interchangeable replicas, or (forecast-service, whose replicas each
     * keep a read model of their own) a StatefulSet, whose pods' stable names name their databases and groups.
     */
    static Map<String, Map<String, Object>> kubernetesWorkloads() throws IOException {
        Map<String, Map<String, Object>> workloads = new java.util.TreeMap<>(kubernetes("Deployment"));
        workloads.put("forecast-service", kubernetes("StatefulSet").get("forecast-service"));
        return workloads;
    }

    /** A container's variables by name. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> containerEnvironment(Map<String, Object> workload) {
        Map<String, Map<String, Object>> env = new java.util.LinkedHashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) at(workload, "spec", "template", "spec",
                "containers", "0", "env")) {
            env.put((String) variable.get("name"), variable);
        }
        return env;
    }

    static final Pattern DEPENDENT_VARIABLE = Pattern.compile("\\$\\(([A-Z][A-Z0-9_]*)\\)");

    /**
     * The variables a container's service reads: all it is given but the JVM's own and those only composed into
     * another's value ({@code $(POD_NAME)}: Kubernetes expands them before the process starts).
     */
    static Set<String> serviceVariables(Map<String, Object> workload) {
        Map<String, Map<String, Object>> env = containerEnvironment(workload);
        Set<String> variables = new TreeSet<>(env.keySet());
        variables.remove(JVM_VARIABLE);
        for (Map<String, Object> variable : env.values()) {
            Matcher m = DEPENDENT_VARIABLE.matcher(String.valueOf(variable.get("value")));
            while (m.find()) {
                variables.remove(m.group(1));
            }
        }
        return variables;
    }

    @Test
    void kubernetesRunsTwoReadyCheckedReplicasOfEachServiceAndAKafkaStatefulSetOfThree() throws IOException {
        assertThat(kubernetes("Deployment").keySet()).containsExactlyInAnyOrder("lead-service", "opportunity-service",
                "gateway");
        Map<String, Map<String, Object>> workloads = kubernetesWorkloads();
        assertThat(workloads.keySet()).containsExactlyInAnyOrder("lead-service", "opportunity-service",
                "forecast-service", "gateway");
        for (var deployment : workloads.entrySet()) {
            String service = deployment.getKey();
            Map<String, Object> container = at(deployment.getValue(), "spec", "template", "spec", "containers", "0");
            assertThat((Integer) at(deployment.getValue(), "spec", "replicas")).as(service).isEqualTo(2);
            assertThat((String) at(container, "readinessProbe", "httpGet", "path")).as(service)
                    .isEqualTo("/actuator/health/readiness");
            assertThat((String) at(container, "livenessProbe", "httpGet", "path")).as(service)
                    .isEqualTo("/actuator/health/liveness");
            Object port = at(container, "ports", "0", "containerPort");
            assertThat((Object) at(container, "readinessProbe", "httpGet", "port")).as(service).isEqualTo(port);
            Set<String> variables = serviceVariables(deployment.getValue());
            assertThat(keysRead(service)).as(service + " reads every variable Kubernetes gives it")
                    .containsAll(variables);
            Set<String> composeVariables = new TreeSet<>();
            for (Map<String, Object> instance : instances(composeServices(), service)) {
                composeVariables.addAll(environmentKeys(instance));
            }
            assertThat(variables).as(service + " gets what compose gives its instances").isEqualTo(composeVariables);
        }
        Map<String, Object> kafka = kubernetes("StatefulSet").get("kafka");
        assertThat((Integer) at(kafka, "spec", "replicas")).isEqualTo(3);
        Map<String, String> brokerEnv = new java.util.HashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) at(kafka, "spec", "template", "spec",
                "containers", "0", "env")) {
            brokerEnv.put((String) variable.get("name"), String.valueOf(variable.get("value")));
        }
        assertThat(brokerEnv).containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS",
                        "0@kafka-0.kafka:9093,1@kafka-1.kafka:9093,2@kafka-2.kafka:9093")
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3").containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2");
        assertThat((String) at(kubernetes("ConfigMap").get("pipeline-config"), "data", "KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo("kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092");
    }
}
