package io.pipeline.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three KRaft nodes on one machine form one cluster (a 3-voter quorum): a topic replicated on all three takes
 * acks=all writes while one node is killed with SIGKILL, and the node restarted on its data joins the in-sync
 * replicas again.
 */
class KafkaClusterTest {

    @TempDir
    Path dataDirectory;

    @Test
    void threeNodesServeAReplicatedTopicThroughTheLossAndReturnOfOne() throws Exception {
        List<Integer> clientPorts = List.of(Ports.freePort(), Ports.freePort(), Ports.freePort());
        List<Integer> controllerPorts = List.of(Ports.freePort(), Ports.freePort(), Ports.freePort());
        try (KafkaCluster cluster = KafkaCluster.start(dataDirectory, clientPorts, controllerPorts);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(3);
            assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:" + clientPorts.get(0) + ",127.0.0.1:"
                    + clientPorts.get(1) + ",127.0.0.1:" + clientPorts.get(2));
            admin.createTopics(List.of(new NewTopic("replicated", 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get();

            KafkaBroker third = cluster.brokers().get(2);
            long killed = third.pid();
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();
            third.onExit().get();

            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 30; i++) {
                    producer.send(new ProducerRecord<>("replicated", "deal-" + i, "v" + i)).get();
                }
            }

            third.restart();
            third.awaitReady();
            assertThat(third.pid()).isNotEqualTo(killed);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            boolean allInSync = false;
            while (!allInSync && System.nanoTime() < deadline) {
                allInSync = admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated")
                        .partitions().stream().map(TopicPartitionInfo::isr).allMatch(isr -> isr.size() == 3);
                if (!allInSync) {
                    Thread.sleep(250);
                }
            }
            assertThat(allInSync).as("the restarted node is in sync again on every partition").isTrue();
        }
    }
}
