package io.pipeline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServersTest {

    @TempDir
    Path dataDirectory;

    @Test
    void postgresKeepsItsDataAcrossRestartsInTheSameDirectory() throws Exception {
        Path pgData = dataDirectory.resolve("pg");
        try (PostgresServer first = PostgresServer.start(pgData, 0)) {
            first.ensureDatabase("ledger");
            try (var c = DriverManager.getConnection(first.jdbcUrl("ledger"), PostgresServer.USER, PostgresServer.PASSWORD)) {
                c.createStatement().execute("create table entry(id int primary key); insert into entry values (42)");
            }
        }
        try (PostgresServer second = PostgresServer.start(pgData, 0);
             var c = DriverManager.getConnection(second.jdbcUrl("ledger"), PostgresServer.USER, PostgresServer.PASSWORD);
             var rs = c.createStatement().executeQuery("select id from entry")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void kafkaBrokerDeliversWhatWasProducedAndStopsCleanly() {
        try (KafkaBroker broker = KafkaBroker.start(dataDirectory.resolve("kafka"), 0)) {
            io.pipeline.contract.TopicProvisioner.ensure(broker.bootstrapServers(), List.of(new NewTopic("probe", 3, (short) 1)));
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe", "deal-1", "hello")).get();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "probe-reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("probe"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("hello");
            }
        }
    }

    @Test
    void aPortGivenBackWithinTheGraceIsTaken() throws Exception {
        var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        var closer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            closer.schedule(() -> {
                socket.close();
                return null;
            }, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
            Ports.requireFree(socket.getLocalPort(), "Kafka", "--kafka-port", java.time.Duration.ofSeconds(10));
            assertThat(socket.isClosed()).isTrue();
        } finally {
            closer.shutdownNow();
            socket.close();
        }
    }

    @Test
    void aTakenPortIsRefusedWithAMessageSayingHowToChooseAnother() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Ports.requireFree(socket.getLocalPort(), "the gateway", "--gateway-port"))
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessageContaining("the gateway").hasMessageContaining("--gateway-port");
        }
    }
}
