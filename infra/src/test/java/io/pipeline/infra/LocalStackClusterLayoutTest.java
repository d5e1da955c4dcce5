package io.pipeline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local stack's {@code --cluster} shape as computed from the settings: three brokers and two instances of each
 * service on ports derived from the base ports, the gateway given both instances of each, and the same jars.
 */
class LocalStackClusterLayoutTest {

    static final Path REPOSITORY = Path.of("/repo");

    static LocalStackSettings parse(String... args) {
        return LocalStackSettings.parse(args, Map.of(), REPOSITORY);
    }

    @Test
    void theSingleShapeIsOneBrokerAndOneInstanceOfEachOnTheGivenPorts() {
        LocalStackSettings settings = parse();
        assertThat(settings.cluster()).isFalse();
        assertThat(settings.kafkaPorts()).containsExactly(19092);
        assertThat(settings.layout()).isEqualTo(new ServiceFleet.Layout(8080, List.of(8081), List.of(8082),
                List.of(8083)));
        assertThat(settings.shape()).isEqualTo("single");
    }

    @Test
    void theClusterShapeDerivesEveryPortFromTheBasePorts() {
        LocalStackSettings settings = parse("--cluster");
        assertThat(settings.kafkaPorts()).containsExactly(19092, 19093, 19094);
        assertThat(settings.controllerPorts()).containsExactly(19192, 19193, 19194);
        assertThat(settings.layout()).isEqualTo(new ServiceFleet.Layout(8080, List.of(8081, 8091),
                List.of(8082, 8092), List.of(8083, 8093)));
        assertThat(settings.shape()).isEqualTo("cluster");

        LocalStackSettings moved = LocalStackSettings.parse(new String[] {"--kafka-port=29092", "--lead-port=9001"},
                Map.of("PIPELINE_CLUSTER", "true"), REPOSITORY);
        assertThat(moved.kafkaPorts()).containsExactly(29092, 29093, 29094);
        assertThat(moved.controllerPorts()).containsExactly(29192, 29193, 29194);
        assertThat(moved.layout().lead()).containsExactly(9001, 9011);
    }

    @Test
    void aBasePortWithoutRoomForTheClusterIsRefused() {
        assertThatThrownBy(() -> parse("--cluster", "--kafka-port=65500"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--kafka-port=65500");
        assertThatThrownBy(() -> parse("--cluster", "--forecast-port=65530"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--forecast-port=65530");
        assertThat(parse("--kafka-port=65500").kafkaPorts()).containsExactly(65500);
    }

    @Test
    void forecastServiceTakesTheHeapItIsGivenAndTheOthersKeepTheirs() {
        ServiceFleet.Database db = new ServiceFleet.Database("jdbc:postgresql://h/db", "u", "p");
        List<ServiceProcess.Spec> planned = ServiceFleet.plan(REPOSITORY, parse("--cluster").layout(), "kafka:9092",
                db, db, List.of(db, db), null);
        assertThat(parse("--cluster").withHeaps(planned)).extracting(ServiceProcess.Spec::maxHeap)
                .containsExactlyElementsOf(planned.stream().map(ServiceProcess.Spec::maxHeap).toList());
        List<ServiceProcess.Spec> sized = parse("--cluster", "--forecast-heap-mb=8192").withHeaps(planned);
        assertThat(sized).filteredOn(spec -> spec.name().startsWith("forecast-service"))
                .extracting(ServiceProcess.Spec::maxHeap).containsExactly("-Xmx8192m", "-Xmx8192m");
        assertThat(sized).filteredOn(spec -> spec.name().startsWith("lead-service"))
                .extracting(ServiceProcess.Spec::maxHeap).containsOnly("-Xmx512m");
        assertThatThrownBy(() -> parse("--forecast-heap-mb=100")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--forecast-heap-mb");
        assertThatThrownBy(() -> parse("--forecast-heap-mb=lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--forecast-heap-mb");
    }

    @Test
    void theHelpDocumentsTheClusterAndItsPorts() {
        assertThat(LocalStackSettings.USAGE).contains("--cluster").contains("19092-19094").contains("19192-19194")
                .contains("8091, 8092, 8093");
    }

    @Test
    void theClusterPlanRunsTwoInstancesOfEachServiceFromTheSameJarsBehindTheOneGateway() {
        ServiceFleet.Database db = new ServiceFleet.Database("jdbc:postgresql://h/db", "u", "p");
        ServiceFleet.Database forecast2 = new ServiceFleet.Database("jdbc:postgresql://h/forecast_2", "u", "p");
        assertThat(ServiceFleet.forecastDatabases(2)).containsExactly("forecast", "forecast_2");
        List<ServiceProcess.Spec> specs = ServiceFleet.plan(REPOSITORY, parse("--cluster").layout(),
                "127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094", db, db, List.of(db, forecast2), null);

        assertThat(specs).extracting(ServiceProcess.Spec::name).containsExactly("lead-service-1", "lead-service-2",
                "opportunity-service-1", "opportunity-service-2", "forecast-service-1", "forecast-service-2",
                "gateway");
        assertThat(specs).extracting(ServiceProcess.Spec::port).containsExactly(8081, 8091, 8082, 8092, 8083, 8093,
                8080);
        assertThat(specs.get(0).jar()).isEqualTo(specs.get(1).jar())
                .isEqualTo(REPOSITORY.resolve("lead-service/target/lead-service.jar"));
        assertThat(specs.get(5).jar()).isEqualTo(REPOSITORY.resolve("forecast-service/target/forecast-service.jar"));
        assertThat(specs.get(2).environment().get("KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");

        Map<String, String> gateway = specs.get(6).environment();
        assertThat(gateway).containsEntry("LEAD_SERVICE_URL", "http://127.0.0.1:8081,http://127.0.0.1:8091")
                .containsEntry("OPPORTUNITY_SERVICE_URL", "http://127.0.0.1:8082,http://127.0.0.1:8092")
                .containsEntry("FORECAST_SERVICE_URL", "http://127.0.0.1:8083,http://127.0.0.1:8093");
        // the command services' instances share their database; each forecast instance has its own and its own
        // consumer group, so each consumes every partition
        assertThat(specs.get(0).environment()).isEqualTo(specs.get(1).environment());
        assertThat(specs.get(4).environment()).containsEntry("JDBC_URL", "jdbc:postgresql://h/db")
                .doesNotContainKey(ServiceFleet.FORECAST_CONSUMER_GROUP);
        assertThat(specs.get(5).environment()).containsEntry("JDBC_URL", "jdbc:postgresql://h/forecast_2")
                .containsEntry(ServiceFleet.FORECAST_CONSUMER_GROUP, "forecast-service-2");
        // both forecast instances hold the whole index
        assertThat(ServiceProcess.maxHeap("forecast-service-2")).isEqualTo("-Xmx1024m");
        assertThat(ServiceProcess.maxHeap("lead-service-1")).isEqualTo("-Xmx512m");
    }
}
