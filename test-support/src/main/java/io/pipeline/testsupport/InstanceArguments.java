package io.pipeline.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one more instance of a service started by a test beside its others (two instances on one
 * database, a restart on the same database): a free port, the database, the shared Kafka and the test issuer's keys,
 * then the test's own settings.
 */
public final class InstanceArguments {

    private InstanceArguments() {
    }

    /** For {@code SpringApplicationBuilder.run}: the instance's settings followed by {@code more}. */
    public static String[] on(PipelineInfrastructure.Database database, String... more) {
        String kafka = PipelineInfrastructure.shared().kafkaBootstrapServers();
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestTokens.jwkSetUri(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                "--pipeline.kafka.bootstrap-servers=" + kafka,
                "--spring.kafka.bootstrap-servers=" + kafka));
        arguments.addAll(List.of(more));
        return arguments.toArray(String[]::new);
    }
}
