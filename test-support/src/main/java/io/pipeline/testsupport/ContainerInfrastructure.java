package io.pipeline.testsupport;

import io.pipeline.embedded.PostgresServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Kafka and PostgreSQL in containers, for machines with a Docker engine. */
final class ContainerInfrastructure implements PipelineInfrastructure {

    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;

    private ContainerInfrastructure(PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static PipelineInfrastructure start() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine")
                .withCommand("postgres", "-c", "max_connections=300");
        KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.0");
        postgres.start();
        kafka.start();
        // Ryuk removes both containers when this JVM exits.
        return new ContainerInfrastructure(postgres, kafka);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public Database newDatabase(String prefix) {
        String name = DatabaseNames.next(prefix);
        String maintenance = DatabaseNames.withDatabase(postgres.getJdbcUrl(), "postgres");
        PostgresServer.ensureDatabase(maintenance, postgres.getUsername(), postgres.getPassword(), name);
        return new Database(DatabaseNames.withDatabase(postgres.getJdbcUrl(), name), postgres.getUsername(),
                postgres.getPassword(), name);
    }

    @Override
    public String kind() {
        return "testcontainers";
    }
}
