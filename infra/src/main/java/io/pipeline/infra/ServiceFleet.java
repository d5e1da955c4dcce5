package io.pipeline.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The four services (or, in the cluster shape, two instances of each of the three behind the gateway) started side
 * by side and stopped together: what the local stack runs and what the end-to-end test runs, from the same jars, with the same environment variables as production.
 */
public final class ServiceFleet implements AutoCloseable {

    /** Where a service's database is. */
    public record Database(String jdbcUrl, String username, String password) {
    }

    /** The ports the services listen on, one instance each. */
    public record Ports(int gateway, int lead, int opportunity, int forecast) {
        Layout layout() {
            return new Layout(gateway, List.of(lead), List.of(opportunity), List.of(forecast));
        }
    }

    /**
     * The port of each instance of each service (the cluster shape: two of each behind the one gateway, which is
     * given every instance's URL and balances over the healthy ones).
     */
    public record Layout(int gateway, List<Integer> lead, List<Integer> opportunity, List<Integer> forecast) {
        public Layout {
            lead = List.copyOf(lead);
            opportunity = List.copyOf(opportunity);
            forecast = List.copyOf(forecast);
            if (lead.isEmpty() || opportunity.isEmpty() || forecast.isEmpty()) {
                throw new IllegalArgumentException("every service needs one instance at least");
            }
        }
    }

    /** {@code pipeline.forecast.consumer-group} (ForecastSettings), as an environment variable. */
    static final String FORECAST_CONSUMER_GROUP = "PIPELINE_FORECAST_CONSUMERGROUP";

    /** The databases of the forecast instances: {@code forecast}, then {@code forecast_2}, ... */
    public static List<String> forecastDatabases(int instances) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            names.add(i == 1 ? "forecast" : "forecast_" + i);
        }
        return names;
    }

    private final List<ServiceProcess> running;
    private volatile ServiceSupervisor supervisor;

    private ServiceFleet(List<ServiceProcess> running) {
        this.running = running;
    }

    /**
     * From now on a service that exits without being stopped is restarted (see {@link ServiceSupervisor}), each
     * exit and return told to {@code status}.
     */
    public synchronized void supervise(Consumer<String> status, ServiceSupervisor.Backoff backoff,
                                       Duration healthTimeout) {
        if (supervisor == null) {
            supervisor = new ServiceSupervisor(running, status, backoff, healthTimeout);
        }
    }

    /** The four services' specs: each service's jar lives in {@code <repository>/<service>/target/<service>.jar}. */
    public static List<ServiceProcess.Spec> plan(Path repository, Ports ports, String kafkaBootstrapServers,
                                                 Database leads, Database opportunities, Database forecast) {
        return plan(repository, ports.layout(), kafkaBootstrapServers, leads, opportunities, List.of(forecast), null);
    }

    /** As above, every service (the gateway too) sending its spans to {@code zipkinEndpoint} unless it is null. */
    public static List<ServiceProcess.Spec> plan(Path repository, Ports ports, String kafkaBootstrapServers,
                                                 Database leads, Database opportunities, Database forecast,
                                                 String zipkinEndpoint) {
        return plan(repository, ports.layout(), kafkaBootstrapServers, leads, opportunities, List.of(forecast),
                zipkinEndpoint);
    }

    /**
     * Every instance of every service, then the gateway. A service with one instance is named as the service
     * ({@code lead-service}); with several, numbered from 1 ({@code lead-service-1}, {@code lead-service-2}), as the
     * gateway's health names them. Instances of lead- and opportunity-service share its database (the event store:
     * a race for one aggregate is detected and retried) and run the same jar. Each forecast instance is a replica of
     * the read side of its own: its own database ({@code forecast}, {@code forecast_2}, one per instance in
     * {@code forecast}) and its own consumer group ({@code forecast-service}, {@code forecast-service-2}), so it
     * consumes every partition. Sharing one group would split the partitions between them, each in-memory index
     * holding only its half of the deals (seen: FY2026-Q3 closed won 9 deals on one, 11 on the other).
     */
    public static List<ServiceProcess.Spec> plan(Path repository, Layout layout, String kafkaBootstrapServers,
                                                 Database leads, Database opportunities, List<Database> forecast,
                                                 String zipkinEndpoint) {
        if (forecast.size() != layout.forecast().size()) {
            throw new IllegalArgumentException("one forecast database per forecast instance");
        }
        Map<String, String> tokens = new LinkedHashMap<>(devIssuerTokens(layout.gateway()));
        if (zipkinEndpoint != null) {
            tokens.put("PIPELINE_ZIPKIN_ENABLED", "true");
            tokens.put("PIPELINE_ZIPKIN_ENDPOINT", zipkinEndpoint);
        }
        Map<String, String> gateway = new LinkedHashMap<>(tokens);
        gateway.put("DEV_TOKEN_ISSUER_ENABLED", "true");
        // the dashboard signs in with the dev issuer's demo users, not through an OIDC issuer's session login
        gateway.put("SESSION_LOGIN_ENABLED", "false");
        gateway.put("LEAD_SERVICE_URL", urls(layout.lead()));
        gateway.put("OPPORTUNITY_SERVICE_URL", urls(layout.opportunity()));
        gateway.put("FORECAST_SERVICE_URL", urls(layout.forecast()));
        List<ServiceProcess.Spec> specs = new ArrayList<>();
        specs.addAll(instances(repository, "lead-service", layout.lead(),
                service(kafkaBootstrapServers, leads, tokens)));
        specs.addAll(instances(repository, "opportunity-service", layout.opportunity(),
                service(kafkaBootstrapServers, opportunities, tokens)));
        for (int i = 0; i < forecast.size(); i++) {
            Map<String, String> environment = service(kafkaBootstrapServers, forecast.get(i), tokens);
            if (forecast.size() > 1 && i > 0) {
                environment.put(FORECAST_CONSUMER_GROUP, "forecast-service-" + (i + 1));
            }
            String name = forecast.size() == 1 ? "forecast-service" : "forecast-service-" + (i + 1);
            specs.add(spec(repository, "forecast-service", name, layout.forecast().get(i), environment));
        }
        specs.add(spec(repository, "gateway", "gateway", layout.gateway(), gateway));
        return List.copyOf(specs);
    }

    private static String urls(List<Integer> ports) {
        return String.join(",", ports.stream().map(port -> "http://127.0.0.1:" + port).toList());
    }

    private static List<ServiceProcess.Spec> instances(Path repository, String service, List<Integer> ports,
                                                       Map<String, String> environment) {
        List<ServiceProcess.Spec> specs = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            String name = ports.size() == 1 ? service : service + "-" + (i + 1);
            specs.add(spec(repository, service, name, ports.get(i), environment));
        }
        return specs;
    }

    /**
     * The local stack has no identity provider: the gateway's dev issuer signs the tokens, and every service checks
     * them against its JWK set, as they would against any OIDC issuer's in production.
     */
    private static Map<String, String> devIssuerTokens(int gatewayPort) {
        String issuer = "http://127.0.0.1:" + gatewayPort + "/auth";
        return Map.of("JWT_ISSUER_URI", issuer, "JWT_JWK_SET_URI", issuer + "/jwks");
    }

    private static Map<String, String> service(String kafkaBootstrapServers, Database database,
                                               Map<String, String> tokens) {
        Map<String, String> environment = new LinkedHashMap<>(tokens);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        environment.put("JDBC_URL", database.jdbcUrl());
        environment.put("JDBC_USERNAME", database.username());
        environment.put("JDBC_PASSWORD", database.password());
        return environment;
    }

    private static ServiceProcess.Spec spec(Path repository, String service, String name, int port,
                                            Map<String, String> environment) {
        return new ServiceProcess.Spec(name, repository.resolve(service).resolve("target").resolve(service + ".jar"),
                port, environment);
    }

    /**
     * Starts every service at once and waits until each reports UP, telling {@code progress} as each one does.
     * If one fails, all are stopped and the failure names the service and the end of its log.
     */
    public static ServiceFleet start(List<ServiceProcess.Spec> specs, Path logDirectory, Duration timeout,
                                     Consumer<ServiceProcess> progress) {
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (ServiceProcess.Spec spec : specs) {
                started.add(ServiceProcess.start(spec, logDirectory));
            }
            List<CompletableFuture<Void>> healthy = started.stream()
                    .map(service -> CompletableFuture.runAsync(() -> {
                        service.awaitHealthy(timeout);
                        progress.accept(service);
                    }))
                    .toList();
            CompletableFuture.allOf(healthy.toArray(CompletableFuture[]::new)).join();
            return new ServiceFleet(started);
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::close);
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    public List<ServiceProcess> services() {
        return running;
    }

    @Override
    public void close() {
        ServiceSupervisor watching = supervisor;
        if (watching != null) {
            watching.close();
        }
        // stop side by side: each takes up to its graceful-shutdown time
        running.stream().map(s -> CompletableFuture.runAsync(s::close)).toList().forEach(CompletableFuture::join);
    }
}
