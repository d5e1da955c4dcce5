package io.pipeline.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.EventType;
import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec;
import io.pipeline.contract.TopicProvisioner;
import io.pipeline.contract.Topics;
import io.pipeline.testsupport.KafkaProbe;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.PipelineInfrastructureExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** On the real broker: a small simulation written in bulk reads back as the relays would have written it. */
@ExtendWith(PipelineInfrastructureExtension.class)
class KafkaBulkWriterTest {

    @Test
    void aSimulationWrittenInBulkReadsBackWithItsKeysTypesAndOrderPerKey(PipelineInfrastructure infrastructure) {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        TopicProvisioner.ensure(bootstrap, TopicProvisioner.publicTopics((short) 1));
        // A seed of its own: the broker is shared with other test classes, whose records these keys never match.
        SimulationConfig config = SimulationConfig.defaults().withSeed(System.nanoTime())
                .withPeriod(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-03-01T00:00:00Z"))
                .withOrg(new SimulationConfig.OrgShape(1, 1, 5));
        List<AggregateHistory> histories = new Simulation(config).histories().toList();
        Map<String, List<String>> expectedTypes = new HashMap<>();
        histories.forEach(h -> expectedTypes.put(h.aggregateId(),
                h.events().stream().map(e -> EventType.of(e).name()).toList()));
        long expected = histories.stream().mapToLong(h -> h.events().size()).sum();

        long written;
        try (KafkaBulkWriter writer = new KafkaBulkWriter(bootstrap, config.seed())) {
            written = writer.write(histories.stream(), Long.MAX_VALUE, Progress.silent());
        }

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String topic : List.of(Topics.LEADS, Topics.OPPORTUNITIES)) {
            long onTopic = histories.stream().filter(h -> h.events().get(0).topic().equals(topic))
                    .mapToLong(h -> h.events().size()).sum();
            records.addAll(KafkaProbe.read(bootstrap, topic, r -> expectedTypes.containsKey(r.key()),
                    found -> found.size() >= onTopic, Duration.ofSeconds(30)));
        }
        assertThat(written).isEqualTo(expected).isGreaterThan(50);
        assertThat(records).hasSize((int) expected);

        Map<String, List<String>> typesPerKey = new HashMap<>();
        Set<String> ids = new HashSet<>();
        IntegrationEventCodec codec = new IntegrationEventCodec();
        for (ConsumerRecord<String, byte[]> record : records) {
            List<String> types = typesPerKey.computeIfAbsent(record.key(), k -> new ArrayList<>());
            assertThat(KafkaProbe.header(record, EventHeaders.SEQUENCE)).isEqualTo(Integer.toString(types.size()));
            String type = KafkaProbe.header(record, EventHeaders.TYPE);
            types.add(type);
            assertThat(KafkaProbe.header(record, EventHeaders.ID))
                    .isEqualTo(EventIds.of(config.seed(), record.key(), types.size() - 1));
            ids.add(KafkaProbe.header(record, EventHeaders.ID));
            IntegrationEvent event = codec.read(type, record.value());
            assertThat(event.subject()).isEqualTo(record.key());
            assertThat(KafkaProbe.header(record, EventHeaders.TIME)).isEqualTo(event.occurredAt().toString());
            assertThat(KafkaProbe.header(record, EventHeaders.SOURCE))
                    .isEqualTo(record.topic().equals(Topics.LEADS) ? "/lead-service" : "/opportunity-service");
        }
        assertThat(typesPerKey).isEqualTo(expectedTypes);
        assertThat(ids).hasSize((int) expected);
    }
}
