package io.pipeline.eventsourcing.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.Topics;
import io.pipeline.eventsourcing.relay.RelayTestApplication.Count;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of a service on one event store and one Kafka, as the production layout runs them: they split the
 * relay's segments between them, both publish, and when segments move (the second instance joins, then the first
 * stops) every event reaches the topic once, in order per aggregate, on its aggregate's partition.
 */
class RelayTwoInstancesTest {

    static final int SEGMENTS = 4;

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private final PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
    private final PipelineInfrastructure.Database database = infrastructure.newDatabase("relay_two");

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoInstancesSplitTheSegmentsAndEveryEventArrivesOnceInOrderAcrossMoves() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> tallies = IntStream.range(0, 24).mapToObj(i -> "two-" + run + "-" + i).toList();
        ConfigurableApplicationContext a = start();
        awaitClaimed(a, SEGMENTS);
        count(tallies, 1, 5, a);

        ConfigurableApplicationContext b = start();
        // the first instance hears of the second, releases what is beyond its share, and the second claims it
        awaitClaimed(a, SEGMENTS / 2);
        awaitClaimed(b, SEGMENTS / 2);
        double publishedByA = published(a);
        count(tallies, 6, 10, a, b);
        awaitCounts(tallies, 10);
        assertThat(published(a)).as("the first instance published its half").isGreaterThan(publishedByA);
        assertThat(published(b)).as("the second instance published its half").isPositive();

        // the first stops: it releases its segments after its last batch, and the second takes them all
        a.close();
        awaitClaimed(b, SEGMENTS);
        count(tallies, 11, 15, b);

        Map<String, List<ConsumerRecord<String, byte[]>>> byTally = awaitCounts(tallies, 15);
        byTally.forEach((tally, records) -> {
            List<Integer> sequences = records.stream()
                    .map(r -> Integer.parseInt(KafkaProbe.header(r, EventHeaders.SEQUENCE))).toList();
            assertThat(sequences).as(tally + ": each event once, in stored order")
                    .containsExactlyElementsOf(IntStream.range(0, 15).boxed().toList());
            Set<String> ids = new HashSet<>();
            records.forEach(r -> ids.add(KafkaProbe.header(r, EventHeaders.ID)));
            assertThat(ids).as(tally + ": event ids").hasSize(15);
            assertThat(records).as(tally + ": one partition").allMatch(r -> r.partition() == records.get(0).partition());
        });
    }

    private ConfigurableApplicationContext start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RelayTestApplication.class).run(
                "--spring.main.web-application-type=none",
                "--spring.application.name=relay-two",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--pipeline.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--pipeline.relay.segments=" + SEGMENTS,
                "--pipeline.relay.batch-size=20",
                "--pipeline.relay.claim-interval=200ms",
                "--pipeline.relay.balance-interval=500ms");
        instances.add(context);
        return context;
    }

    private static void awaitClaimed(ConfigurableApplicationContext instance, int segments) {
        StreamingEventProcessor relay = instance.getBean(EventProcessingConfiguration.class)
                .eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(relay.processingStatus()).as("claimed segments").hasSize(segments));
    }

    /** Counts n = from..to on every tally, each command through the next instance in turn. */
    private static void count(List<String> tallies, int from, int to, ConfigurableApplicationContext... through) {
        int turn = 0;
        for (int n = from; n <= to; n++) {
            for (String tally : tallies) {
                through[turn++ % through.length].getBean(CommandGateway.class).sendAndWait(new Count(tally, n));
            }
        }
    }

    private static double published(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).counter("pipeline.relay.published").count();
    }

    /** Records per tally, in partition order, once each tally's highest count has arrived. */
    private Map<String, List<ConsumerRecord<String, byte[]>>> awaitCounts(List<String> tallies, int highest) {
        return KafkaProbe.readEachKeyThrough(infrastructure.kafkaBootstrapServers(), Topics.OPPORTUNITIES, tallies, EventHeaders.SEQUENCE,
                highest - 1, Duration.ofSeconds(90));
    }
}
