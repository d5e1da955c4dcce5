package io.pipeline.infra.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.contract.EventRecords;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.PipelineInfrastructureExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(PipelineInfrastructureExtension.class)
class EventExportTest {

    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    @Test
    void exportsTheWholeHistoryAsNdjsonInOrderPerDeal(PipelineInfrastructure infrastructure) throws Exception {
        String topic = ExportFixtures.newTopic(infrastructure.kafkaBootstrapServers(), "export-all");
        ExportFixtures.produce(infrastructure.kafkaBootstrapServers(), topic, 60, 7, T0);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventExport.Progress done = new EventExport(new EventExport.Request(infrastructure.kafkaBootstrapServers(),
                List.of(topic), null, null, EventExport.Format.NDJSON)).run(out, p -> { });

        List<JsonNode> lines = new ArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(done.exported()).isEqualTo(60);
        assertThat(lines).hasSize(60);
        assertThat(lines.get(0).get("type").asString()).isEqualTo("pipeline.opportunity.StageAdvanced");
        assertThat(lines.get(0).get("data").get("deal").get("amount").asString()).isEqualTo("125000.00");
        for (int deal = 0; deal < 7; deal++) {
            String subject = "deal-" + deal;
            List<Long> sequences = lines.stream().filter(l -> l.get("subject").asString().equals(subject))
                    .map(l -> Long.parseLong(l.get("sequence").asString())).toList();
            assertThat(sequences).as(subject).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void exportsATimeWindowAsCsvQuotingWhatNeedsQuoting(PipelineInfrastructure infrastructure) throws Exception {
        String topic = ExportFixtures.newTopic(infrastructure.kafkaBootstrapServers(), "export-window");
        EventRecords records = new EventRecords("/export-test");
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            String[] names = {"before", "Smith, \"Big\" deal\nline two ünïcödé", "after"};
            for (int i = 0; i < names.length; i++) {
                ProducerRecord<String, byte[]> r = records.toRecord(ExportFixtures.stageAdvanced("d" + i, names[i],
                        T0.plusSeconds(3600L * i)), "id-" + i, 0, null);
                producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers())).get();
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventExport.Progress done = new EventExport(new EventExport.Request(infrastructure.kafkaBootstrapServers(),
                List.of(topic), T0.plusSeconds(1800), T0.plusSeconds(5400), EventExport.Format.CSV)).run(out, p -> { });

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(done.read()).isEqualTo(3);
        assertThat(done.exported()).isEqualTo(1);
        assertThat(csv).startsWith(CsvExportWriter.HEADER);
        assertThat(csv).contains("id-1,pipeline.opportunity.StageAdvanced,/export-test,d1,2026-07-01T01:00:00Z,0,"
                + topic + ",");
        assertThat(csv).contains("\"{\"\"deal\"\":{").contains("Smith, \\\"\"Big\\\"\" deal\\nline two ünïcödé");
        assertThat(csv).doesNotContain("id-0").doesNotContain("id-2");
    }
}
