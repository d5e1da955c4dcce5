package io.pipeline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicReplicationTest {

    @Test
    void threeOrMoreBrokersReplicateEveryPublicTopicThreeTimesWithTwoInSync() {
        assertThat(TopicProvisioner.replicationFactorFor(3)).isEqualTo((short) 3);
        assertThat(TopicProvisioner.replicationFactorFor(5)).isEqualTo((short) 3);
        for (NewTopic topic : TopicProvisioner.publicTopics(TopicProvisioner.replicationFactorFor(3))) {
            assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) 3);
            assertThat(topic.configs()).as(topic.name()).containsEntry("min.insync.replicas", "2");
        }
    }

    @Test
    void fewerThanThreeBrokersKeepOneCopyWithOneInSync() {
        assertThat(TopicProvisioner.replicationFactorFor(1)).isEqualTo((short) 1);
        assertThat(TopicProvisioner.replicationFactorFor(2)).isEqualTo((short) 1);
        for (NewTopic topic : TopicProvisioner.publicTopics(TopicProvisioner.replicationFactorFor(2))) {
            assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) 1);
            assertThat(topic.configs()).as(topic.name()).containsEntry("min.insync.replicas", "1");
        }
    }
}
