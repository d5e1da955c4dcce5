package io.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PipelineInfrastructureExtension.class)
class PipelineInfrastructureTest {

    @Test
    void givesEachCallerAFreshDatabaseOnOneSharedServer(PipelineInfrastructure infrastructure) throws Exception {
        PipelineInfrastructure.Database first = infrastructure.newDatabase("orders");
        PipelineInfrastructure.Database second = infrastructure.newDatabase("orders");

        assertThat(first.name()).isNotEqualTo(second.name());
        try (var connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
             var rs = connection.createStatement().executeQuery("select current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(first.name());
        }
        assertThat(PipelineInfrastructure.shared()).isSameAs(infrastructure);
    }

    @Test
    void theBrokerAnswersAsARealKafkaCluster(PipelineInfrastructure infrastructure) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void replacesTheDatabaseOfAJdbcUrlAndKeepsItsParameters() {
        assertThat(DatabaseNames.withDatabase("jdbc:postgresql://db:5432/postgres?ssl=false", "x"))
                .isEqualTo("jdbc:postgresql://db:5432/x?ssl=false");
        assertThat(DatabaseNames.withDatabase("jdbc:postgresql://db:5432", "x")).isEqualTo("jdbc:postgresql://db:5432/x");
    }
}
