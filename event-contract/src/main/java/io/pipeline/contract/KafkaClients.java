package io.pipeline.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one place every Kafka client of Pipeline (services, relay, simulator, export, topic provisioning) gets the
 * settings they must share: where the brokers are, a client id (so a broker's logs and quotas name who connected),
 * and the guarantees the event contract rests on. A producer is always {@code acks=all} and idempotent, so a retried
 * send neither loses nor duplicates nor reorders a deal's events; a consumer never auto-commits, as every consumer
 * here stores or chooses its own positions. A client adds only its tuning (batching, fetch sizes, timeouts) and may
 * not override those: that is refused at once instead of weakening a guarantee silently.
 *
 * <p>Kept free of Spring, since the simulator and the export tool have none; the services build it from their typed
 * {@code pipeline.kafka.*} settings. Security settings ({@code security.protocol}, {@code sasl.*}) would go here too,
 * once a deployment needs them.
 *
 * @param bootstrapServers comma-separated host:port list
 */
public record KafkaClients(String bootstrapServers) {

    /** The keys a producer's tuning may not set. */
    static final Set<String> PRODUCER_GUARANTEES = Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            CommonClientConfigs.CLIENT_ID_CONFIG, ProducerConfig.ACKS_CONFIG, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
    /** The keys a consumer's tuning may not set. */
    static final Set<String> CONSUMER_GUARANTEES = Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            CommonClientConfigs.CLIENT_ID_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);

    public KafkaClients {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("no Kafka bootstrap servers given");
        }
    }

    /** A producer's settings: the common ones, then {@code tuning}. */
    public Map<String, Object> producerSettings(String clientId, Map<String, ?> tuning) {
        Map<String, Object> settings = common(clientId, tuning, PRODUCER_GUARANTEES);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return Map.copyOf(settings);
    }

    /** A consumer's settings: the common ones, then {@code tuning} (a group id, fetch sizes, isolation). */
    public Map<String, Object> consumerSettings(String clientId, Map<String, ?> tuning) {
        Map<String, Object> settings = common(clientId, tuning, CONSUMER_GUARANTEES);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return Map.copyOf(settings);
    }

    /** An admin client's settings: the common ones, then {@code tuning} (timeouts). */
    public Map<String, Object> adminSettings(String clientId, Map<String, ?> tuning) {
        return Map.copyOf(common(clientId, tuning, Set.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                CommonClientConfigs.CLIENT_ID_CONFIG)));
    }

    public <K, V> KafkaProducer<K, V> producer(String clientId, Map<String, ?> tuning, Serializer<K> keys,
                                               Serializer<V> values) {
        return new KafkaProducer<>(producerSettings(clientId, tuning), keys, values);
    }

    /** A consumer of raw records: every reader here decodes the contract's JSON itself. */
    public KafkaConsumer<byte[], byte[]> consumer(String clientId, Map<String, ?> tuning) {
        return new KafkaConsumer<>(consumerSettings(clientId, tuning), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    public Admin admin(String clientId, Map<String, ?> tuning) {
        return Admin.create(adminSettings(clientId, tuning));
    }

    private Map<String, Object> common(String clientId, Map<String, ?> tuning, Set<String> owned) {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("a Kafka client needs a client id");
        }
        for (String key : tuning.keySet()) {
            if (owned.contains(key)) {
                throw new IllegalArgumentException(key + " is set for every client by KafkaClients, not by one");
            }
        }
        Map<String, Object> settings = new HashMap<>(tuning);
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return settings;
    }
}
