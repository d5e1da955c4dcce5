package io.pipeline.testsupport;

import io.pipeline.embedded.PostgresServer;
import java.util.Optional;

/** Kafka and PostgreSQL started by someone else, for example a CI service or a developer's own servers. */
record ExternalInfrastructure(String postgresUrl, String user, String password, String kafkaBootstrapServers)
        implements PipelineInfrastructure {

    static Optional<PipelineInfrastructure> fromSettings() {
        Optional<String> url = PipelineInfrastructure.setting("pipeline.test.postgres.url");
        Optional<String> kafka = PipelineInfrastructure.setting("pipeline.test.kafka.bootstrap-servers");
        if (url.isEmpty() || kafka.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExternalInfrastructure(url.get(),
                PipelineInfrastructure.setting("pipeline.test.postgres.user").orElse("postgres"),
                PipelineInfrastructure.setting("pipeline.test.postgres.password").orElse("postgres"),
                kafka.get()));
    }

    @Override
    public Database newDatabase(String prefix) {
        String name = DatabaseNames.next(prefix);
        PostgresServer.ensureDatabase(postgresUrl, user, password, name);
        return new Database(DatabaseNames.withDatabase(postgresUrl, name), user, password, name);
    }

    @Override
    public String kind() {
        return "external";
    }
}
