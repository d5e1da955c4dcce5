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
 * The four services started side by side and stopped together: what the local stack runs and what the
 * end-to-end test runs, from the same jars, with the same environment variables as production.
 */
public final class ServiceFleet implements AutoCloseable {

    /** Where a service's database is. */
    public record Database(String jdbcUrl, String username, String password) {
    }

    /** The ports the services listen on. */
    public record Ports(int gateway, int lead, int opportunity, int forecast) {
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
        return plan(repository, ports, kafkaBootstrapServers, leads, opportunities, forecast, null);
    }

    /** As above, every service (the gateway too) sending its spans to {@code zipkinEndpoint} unless it is null. */
    public static List<ServiceProcess.Spec> plan(Path repository, Ports ports, String kafkaBootstrapServers,
                                                 Database leads, Database opportunities, Database forecast,
                                                 String zipkinEndpoint) {
        Map<String, String> tokens = new LinkedHashMap<>(devIssuerTokens(ports.gateway()));
        if (zipkinEndpoint != null) {
            tokens.put("PIPELINE_ZIPKIN_ENABLED", "true");
            tokens.put("PIPELINE_ZIPKIN_ENDPOINT", zipkinEndpoint);
        }
        Map<String, String> gateway = new LinkedHashMap<>(tokens);
        gateway.put("DEV_TOKEN_ISSUER_ENABLED", "true");
        // the dashboard signs in with the dev issuer's demo users, not through an OIDC issuer's session login
        gateway.put("SESSION_LOGIN_ENABLED", "false");
        gateway.put("LEAD_SERVICE_URL", "http://127.0.0.1:" + ports.lead());
        gateway.put("OPPORTUNITY_SERVICE_URL", "http://127.0.0.1:" + ports.opportunity());
        gateway.put("FORECAST_SERVICE_URL", "http://127.0.0.1:" + ports.forecast());
        return List.of(
                spec(repository, "lead-service", ports.lead(), service(kafkaBootstrapServers, leads, tokens)),
                spec(repository, "opportunity-service", ports.opportunity(),
                        service(kafkaBootstrapServers, opportunities, tokens)),
                spec(repository, "forecast-service", ports.forecast(), service(kafkaBootstrapServers, forecast, tokens)),
                spec(repository, "gateway", ports.gateway(), gateway));
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

    private static ServiceProcess.Spec spec(Path repository, String name, int port, Map<String, String> environment) {
        return new ServiceProcess.Spec(name, repository.resolve(name).resolve("target").resolve(name + ".jar"), port,
                environment);
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
