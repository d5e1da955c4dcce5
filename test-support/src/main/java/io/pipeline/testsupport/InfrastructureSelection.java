package io.pipeline.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class InfrastructureSelection {

    private static final Logger log = LoggerFactory.getLogger(InfrastructureSelection.class);

    private InfrastructureSelection() {
    }

    static PipelineInfrastructure start() {
        String wanted = PipelineInfrastructure.setting("pipeline.test.infrastructure").orElse("auto");
        long started = System.nanoTime();
        PipelineInfrastructure infrastructure = switch (wanted) {
            case "external" -> ExternalInfrastructure.fromSettings().orElseThrow(() -> new IllegalStateException(
                    "pipeline.test.infrastructure=external needs pipeline.test.postgres.url and"
                            + " pipeline.test.kafka.bootstrap-servers (or PIPELINE_TEST_POSTGRES_URL and"
                            + " PIPELINE_TEST_KAFKA_BOOTSTRAP_SERVERS)"));
            case "testcontainers" -> ContainerInfrastructure.start();
            case "embedded" -> EmbeddedInfrastructure.start();
            case "auto" -> ExternalInfrastructure.fromSettings()
                    .orElseGet(() -> ContainerInfrastructure.dockerAvailable()
                            ? ContainerInfrastructure.start()
                            : EmbeddedInfrastructure.start());
            default -> throw new IllegalStateException("pipeline.test.infrastructure must be auto, external,"
                    + " testcontainers or embedded, not '" + wanted + "'");
        };
        log.info("Test infrastructure: {} (Kafka {}), ready in {} ms", infrastructure.kind(),
                infrastructure.kafkaBootstrapServers(), (System.nanoTime() - started) / 1_000_000);
        return infrastructure;
    }
}
