package io.pipeline.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning with a plain Kafka consumer, as any outside subscriber would. */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    /**
     * Polls until {@code enough} holds for the matching records read so far, or the timeout passes; returns what
     * it read either way, so the caller's assertion says what was missing.
     */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic,
                                                            Predicate<ConsumerRecord<String, byte[]>> matching,
                                                            Predicate<List<ConsumerRecord<String, byte[]>>> enough,
                                                            Duration timeout) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !enough.test(found)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (matching.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    /**
     * The records of each key, in partition order, read until every key's record whose {@code sequenceHeader} is
     * {@code lastSequence} has arrived (or the timeout passes: the caller's assertion then says what was missing).
     */
    public static Map<String, List<ConsumerRecord<String, byte[]>>> readEachKeyThrough(String bootstrapServers,
            String topic, List<String> keys, String sequenceHeader, long lastSequence, Duration timeout) {
        java.util.Set<String> wanted = java.util.Set.copyOf(keys);
        String last = Long.toString(lastSequence);
        List<ConsumerRecord<String, byte[]>> records = read(bootstrapServers, topic, r -> wanted.contains(r.key()),
                found -> wanted.stream().allMatch(k -> found.stream().anyMatch(r -> k.equals(r.key())
                        && last.equals(header(r, sequenceHeader)))), timeout);
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new java.util.LinkedHashMap<>();
        keys.forEach(k -> byKey.put(k, new ArrayList<>()));
        records.forEach(r -> byKey.get(r.key()).add(r));
        return byKey;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
