package io.pipeline.contract;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the public topics with their documented settings, leaving existing ones as they are. */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * The event topics keep the whole history (no time or size retention) so any consumer can start from offset
     * zero; see docs/events/RETENTION.md.
     */
    public static List<NewTopic> publicTopics(short replicationFactor) {
        Map<String, String> keepForever = Map.of("retention.ms", "-1", "retention.bytes", "-1",
                "cleanup.policy", "delete", "min.insync.replicas", replicationFactor > 1 ? "2" : "1");
        return List.of(
                new NewTopic(Topics.LEADS, Topics.PARTITIONS, replicationFactor).configs(keepForever),
                new NewTopic(Topics.OPPORTUNITIES, Topics.PARTITIONS, replicationFactor).configs(keepForever),
                new NewTopic(Topics.PERIODS, 1, replicationFactor).configs(keepForever),
                new NewTopic(Topics.PLAN, 1, replicationFactor).configs(keepForever),
                new NewTopic(Topics.DEAD_LETTERS, 1, replicationFactor).configs(keepForever));
    }

    /**
     * Replication factor 3 (with {@code min.insync.replicas=2}: an acknowledged write survives the loss of one broker
     * and writes go on while one is down) wherever three brokers exist; 1 on a single broker, where 3 cannot be
     * created. Between 1 and 3 brokers stays at 1: a factor of 2 with a minimum of 2 would stop writes whenever one
     * broker is down, and with a minimum of 1 would promise nothing more than 1.
     */
    public static short replicationFactorFor(int brokers) {
        return (short) (brokers >= 3 ? 3 : 1);
    }

    /** The public topics, replicated as far as the cluster at {@code bootstrapServers} allows. */
    public static void ensurePublicTopics(String bootstrapServers) {
        try (Admin admin = admin(bootstrapServers)) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            create(admin, bootstrapServers, publicTopics(replicationFactorFor(brokers)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer in time; is it running?", e);
        }
    }

    private static Admin admin(String bootstrapServers) {
        return new KafkaClients(bootstrapServers).admin("pipeline-topic-provisioner", Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    public static void ensure(String bootstrapServers, Collection<NewTopic> topics) {
        try (Admin admin = admin(bootstrapServers)) {
            create(admin, bootstrapServers, topics);
        }
    }

    private static void create(Admin admin, String bootstrapServers, Collection<NewTopic> topics) {
        try {
            for (NewTopic topic : topics) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic.name() + " on "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer in time; is it running?", e);
        }
    }
}
