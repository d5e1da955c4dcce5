package io.pipeline.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private final KafkaClients clients = new KafkaClients("broker-1:9092,broker-2:9092");

    @Test
    void everyProducerIsIdempotentWithAcksAllBesideItsOwnTuning() {
        Map<String, Object> settings = clients.producerSettings("relay-leads",
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));

        assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092",
                ProducerConfig.CLIENT_ID_CONFIG, "relay-leads",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
    }

    @Test
    void everyConsumerLeavesCommittingToItsOwner() {
        Map<String, Object> settings = clients.consumerSettings("forecast-consumer",
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, "forecast", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"));

        assertThat(settings).containsExactlyInAnyOrderEntriesOf(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092",
                ConsumerConfig.CLIENT_ID_CONFIG, "forecast-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.GROUP_ID_CONFIG, "forecast",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    }

    @Test
    void anAdminClientGetsTheBrokersAndAnIdToo() {
        assertThat(clients.adminSettings("provisioner", Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092,broker-2:9092",
                        AdminClientConfig.CLIENT_ID_CONFIG, "provisioner",
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    @Test
    void aClientsTuningCannotWeakenTheSharedGuarantees() {
        assertThatThrownBy(() -> clients.producerSettings("fast", Map.of(ProducerConfig.ACKS_CONFIG, "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks");
        assertThatThrownBy(() -> clients.producerSettings("fast",
                Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable.idempotence");
        assertThatThrownBy(() -> clients.consumerSettings("lazy",
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable.auto.commit");
        assertThatThrownBy(() -> clients.consumerSettings("elsewhere",
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "other:9092")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap.servers");
    }

    @Test
    void aClientWithoutIdOrBrokersIsRefused() {
        assertThatThrownBy(() -> clients.consumerSettings(" ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client id");
        assertThatThrownBy(() -> new KafkaClients(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bootstrap");
    }
}
