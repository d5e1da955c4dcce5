package io.pipeline.infra;

import io.pipeline.contract.TopicProvisioner;
import io.pipeline.embedded.Ports;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The four services started from their packaged jars, once per test JVM, on the JVM's shared real Kafka and
 * PostgreSQL: the end-to-end test and the dashboard's browser tests share it instead of starting it twice (a
 * start costs about a minute on two cores). Stopped when the JVM exits.
 *
 * @param gatewayUrl the gateway's base URL, e.g. {@code http://127.0.0.1:41234}
 */
public record RunningStack(String gatewayUrl, String kafkaBootstrapServers) {

    private static RunningStack started;

    /** The stack, started on first use. */
    public static synchronized RunningStack shared(PipelineInfrastructure infrastructure) {
        if (started == null) {
            started = start(infrastructure);
        }
        return started;
    }

    private static RunningStack start(PipelineInfrastructure infrastructure) {
        TopicProvisioner.ensure(infrastructure.kafkaBootstrapServers(), TopicProvisioner.publicTopics((short) 1));
        Path repository = repository();
        ServiceFleet.Ports ports = new ServiceFleet.Ports(Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Ports.freePort());
        ServiceFleet fleet = ServiceFleet.start(ServiceFleet.plan(repository, ports,
                        infrastructure.kafkaBootstrapServers(), database(infrastructure, "e2e_leads"),
                        database(infrastructure, "e2e_opportunities"), database(infrastructure, "e2e_forecast")),
                repository.resolve("infra/target/e2e-logs"), Duration.ofMinutes(4), service -> { });
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "stop-e2e-services"));
        return new RunningStack("http://127.0.0.1:" + ports.gateway(), infrastructure.kafkaBootstrapServers());
    }

    /** The repository root (Maven passes it; tests run from infra/ otherwise). */
    public static Path repository() {
        return Path.of(System.getProperty("pipeline.repository.root", "..")).toAbsolutePath().normalize();
    }

    private static ServiceFleet.Database database(PipelineInfrastructure infrastructure, String prefix) {
        PipelineInfrastructure.Database db = infrastructure.newDatabase(prefix);
        return new ServiceFleet.Database(db.jdbcUrl(), db.username(), db.password());
    }

    /** A client of the gateway with a dev-issuer token for a demo user. */
    public HttpJson as(String demoUser) {
        return new HttpJson(gatewayUrl, token(demoUser));
    }

    public String token(String demoUser) {
        return DevTokens.fetch(HttpClient.newHttpClient(), gatewayUrl, demoUser);
    }
}
