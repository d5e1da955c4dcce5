package io.pipeline.testsupport;

import io.pipeline.embedded.KafkaBroker;
import io.pipeline.embedded.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The servers of {@code embedded-runtime}: real PostgreSQL and Kafka processes, no Docker needed. */
final class EmbeddedInfrastructure implements PipelineInfrastructure {

    private final PostgresServer postgres;
    private final KafkaBroker kafka;

    private EmbeddedInfrastructure(PostgresServer postgres, KafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static PipelineInfrastructure start() {
        try {
            Path directory = Files.createTempDirectory("pipeline-test-infra");
            // The two start side by side: together they take about as long as Kafka alone.
            CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                    () -> KafkaBroker.start(directory.resolve("kafka"), 0));
            PostgresServer postgres = PostgresServer.start(null, 0);
            EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(postgres, kafka.join());
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "test-infrastructure-stop"));
            return infrastructure;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        kafka.close();
        postgres.close();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public Database newDatabase(String prefix) {
        String name = DatabaseNames.next(prefix);
        postgres.ensureDatabase(name);
        return new Database(postgres.jdbcUrl(name), PostgresServer.USER, PostgresServer.PASSWORD, name);
    }

    @Override
    public String kind() {
        return "embedded";
    }
}
