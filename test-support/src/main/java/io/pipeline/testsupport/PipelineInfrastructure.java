package io.pipeline.testsupport;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Kafka broker and PostgreSQL server that integration tests run on, started once per test JVM.
 *
 * <p>Which one is chosen, by system property or environment variable:
 * <ul>
 *   <li>{@code pipeline.test.infrastructure} / {@code PIPELINE_TEST_INFRASTRUCTURE}: {@code auto} (default),
 *       {@code external}, {@code testcontainers} or {@code embedded};</li>
 *   <li>external services: {@code pipeline.test.postgres.url} (a JDBC URL of the maintenance database, e.g.
 *       {@code jdbc:postgresql://db:5432/postgres}), {@code pipeline.test.postgres.user},
 *       {@code pipeline.test.postgres.password} and {@code pipeline.test.kafka.bootstrap-servers}
 *       (or the upper-case environment variables {@code PIPELINE_TEST_POSTGRES_URL}, ...).</li>
 * </ul>
 * {@code auto} takes the external services when both are configured, Testcontainers when a Docker engine
 * answers, and otherwise the embedded servers of {@code embedded-runtime}.
 */
public interface PipelineInfrastructure {

    String kafkaBootstrapServers();

    /** A database of its own on the shared server, created now. */
    Database newDatabase(String prefix);

    /** Where the services came from: external, testcontainers or embedded. */
    String kind();

    record Database(String jdbcUrl, String username, String password, String name) {
    }

    /** The one instance of this test JVM, started on first use and stopped when the JVM exits. */
    static PipelineInfrastructure shared() {
        return Holder.INSTANCE;
    }

    static Optional<String> setting(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    final class Holder {
        static final AtomicInteger DATABASES = new AtomicInteger();
        private static final PipelineInfrastructure INSTANCE = InfrastructureSelection.start();

        private Holder() {
        }
    }
}
