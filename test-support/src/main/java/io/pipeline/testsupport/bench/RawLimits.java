package io.pipeline.testsupport.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import io.pipeline.testsupport.PipelineInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw rates of the machine's PostgreSQL and Kafka, measured in the same run as a benchmark so that its
 * figures are read against them, not against numbers from another day.
 */
public final class RawLimits {

    private RawLimits() {
    }

    /** One-row inserts, each its own durable commit, from {@code clients} connections at once. */
    public static double postgresSingleRowCommitsPerSecond(PipelineInfrastructure.Database database, int clients,
                                                          Duration duration) {
        try (Connection setup = connect(database)) {
            setup.createStatement().execute("create table if not exists raw_limit_probe (id bigserial primary key,"
                    + " payload varchar(200) not null)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        LongAdder commits = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    try (Connection c = connect(database);
                         PreparedStatement insert = c.prepareStatement("insert into raw_limit_probe (payload) values (?)")) {
                        c.setAutoCommit(true);
                        while (System.nanoTime() < deadline) {
                            insert.setString(1, "probe payload of a realistic size for an event row");
                            insert.executeUpdate();
                            commits.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL probe failed", e);
        } finally {
            pool.shutdownNow();
        }
        return commits.sum() / (duration.toNanos() / 1e9);
    }

    /**
     * Rows shaped like Axon's {@code domainevententry} (ids, a sequence, a {@code payloadBytes} payload, a small
     * metadata), inserted by one connection as JDBC batches of {@code batchSize} rows, one commit per batch, the way
     * the JDBC event store appends a batch of events (the driver's default, no rewritten multi-row inserts).
     */
    public static double postgresBatchedInsertsPerSecond(PipelineInfrastructure.Database database, int rows,
                                                         int batchSize, int payloadBytes) {
        String table = "raw_limit_batch_" + System.nanoTime();
        byte[] payload = new byte[payloadBytes];
        java.util.Arrays.fill(payload, (byte) 'x');
        byte[] metaData = new byte[200];
        java.util.Arrays.fill(metaData, (byte) 'm');
        try (Connection c = connect(database)) {
            c.createStatement().execute("create table " + table + " (global_index bigserial primary key,"
                    + " event_identifier varchar(255) not null unique, aggregate_identifier varchar(255) not null,"
                    + " sequence_number bigint not null, type varchar(255), time_stamp varchar(255) not null,"
                    + " payload_type varchar(255) not null, payload bytea not null, meta_data bytea,"
                    + " unique (aggregate_identifier, sequence_number))");
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("insert into " + table + " (event_identifier,"
                    + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, java.util.UUID.randomUUID().toString());
                    insert.setString(2, "deal-" + i / 20);
                    insert.setLong(3, i % 20);
                    insert.setString(4, "Opportunity");
                    insert.setString(5, "2026-01-01T00:00:00Z");
                    insert.setString(6, "io.pipeline.opportunity.api.StageAdvanced");
                    insert.setBytes(7, payload);
                    insert.setBytes(8, metaData);
                    insert.addBatch();
                    if ((i + 1) % batchSize == 0 || i == rows - 1) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            double rate = rows / ((System.nanoTime() - start) / 1e9);
            c.setAutoCommit(true);
            c.createStatement().execute("drop table " + table);
            return rate;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL batched-insert probe failed", e);
        }
    }

    /** Records of {@code recordBytes} each, acks=all, idempotent, to a fresh topic of 6 partitions. */
    public static double kafkaProducePerSecond(String bootstrapServers, int records, int recordBytes) {
        String topic = "raw-limit-" + System.nanoTime();
        createTopic(bootstrapServers, topic);
        byte[] value = new byte[recordBytes];
        long start;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // A topic just created takes a moment to have its leaders: one acknowledged record per partition first,
            // so the clock measures producing, not the topic settling (which otherwise shows as retries).
            for (int partition = 0; partition < 6; partition++) {
                try {
                    producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
                } catch (Exception e) {
                    throw new IllegalStateException("Kafka did not take a warm-up record on " + topic, e);
                }
            }
            start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(), value));
            }
            producer.flush();
        }
        double rate = records / ((System.nanoTime() - start) / 1e9);
        lastTopic = topic;
        return rate;
    }

    private static volatile String lastTopic;

    /** Reads back the topic of the last {@link #kafkaProducePerSecond} run from the beginning. */
    public static double kafkaConsumePerSecond(String bootstrapServers, int records) {
        String topic = lastTopic;
        if (topic == null) {
            throw new IllegalStateException("run kafkaProducePerSecond first");
        }
        long read = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (read < records && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return read / ((System.nanoTime() - start) / 1e9);
    }

    private static void createTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not create " + topic, e);
        }
    }

    private static Connection connect(PipelineInfrastructure.Database database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.username());
        properties.setProperty("password", database.password());
        // as the event-sourced services send their batches: rewritten into multi-row inserts
        properties.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }
}
