package io.pipeline.infra.export;

import io.pipeline.contract.EventHeaders;
import io.pipeline.contract.KafkaClients;
import io.pipeline.contract.Topics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Streams the whole event history, or a window of business time, out of the public topics as NDJSON or CSV, for
 * BI teams loading their own stores. It reads every partition from offset zero up to the end it saw when it
 * started (a consistent cut), without a consumer group, so it disturbs no one and can be run any number of times.
 * Within one lead or deal the order is the order of the events.
 */
public final class EventExport {

    /** What to export and where. {@code from} inclusive, {@code to} exclusive; both optional. */
    public record Request(String bootstrapServers, List<String> topics, Instant from, Instant to, Format format) {
    }

    public enum Format {
        NDJSON, CSV
    }

    /** How far an export got. */
    public record Progress(long read, long exported, long total, double perSecond) {
    }

    private final Request request;

    public EventExport(Request request) {
        this.request = request;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println(USAGE);
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Request request;
        try {
            request = new Request(options.getOrDefault("bootstrap-servers", "127.0.0.1:19092"),
                    List.of(options.getOrDefault("topics", Topics.LEADS + "," + Topics.OPPORTUNITIES).split(",")),
                    instant(options, "from"), instant(options, "to"),
                    Format.valueOf(options.getOrDefault("format", "ndjson").toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        String output = options.get("output");
        try (OutputStream out = output == null ? System.out : Files.newOutputStream(Path.of(output))) {
            Progress done = new EventExport(request).run(out, p -> System.err.printf(
                    "exported %,d of %,d records read (%,d in the cut), %,.0f/s%n", p.exported(), p.read(), p.total(),
                    p.perSecond()));
            System.err.printf("done: %,d events exported, %,.0f records/s%n", done.exported(), done.perSecond());
        }
    }

    static final String USAGE = """
            java -cp infra/target/pipeline-local.jar io.pipeline.infra.export.EventExport [options]
              --bootstrap-servers=HOST:PORT   Kafka (127.0.0.1:19092, the local stack's)
              --topics=A,B                    topics (pipeline.leads.v1,pipeline.opportunities.v1)
              --from=2026-07-01T00:00:00Z     business time window, inclusive start (optional)
              --to=2026-10-01T00:00:00Z       exclusive end (optional)
              --format=ndjson|csv             (ndjson)
              --output=FILE                   (standard output); progress goes to standard error
            """;

    private static Instant instant(Map<String, String> options, String name) {
        String value = options.get(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--" + name + " must be an ISO instant such as 2026-07-01T00:00:00Z");
        }
    }

    /** Writes the export to {@code out}, telling {@code progress} every two seconds; returns the final count. */
    public Progress run(OutputStream out, Consumer<Progress> progress) throws IOException {
        ExportWriter writer = request.format() == Format.CSV ? new CsvExportWriter() : new NdjsonExportWriter();
        long start = System.nanoTime();
        long lastReport = start;
        long read = 0;
        long exported = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaClients(request.bootstrapServers()).consumer(
                "pipeline-event-export", Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024));
             OutputStream buffered = new BufferedOutputStream(out, 1 << 20)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : request.topics()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalArgumentException("No topic " + topic + " on " + request.bootstrapServers());
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            long total = end.entrySet().stream().mapToLong(e -> e.getValue() - beginning.get(e.getKey())).sum();
            end.entrySet().removeIf(e -> e.getValue() <= beginning.get(e.getKey()));
            consumer.pause(partitions.stream().filter(p -> !end.containsKey(p)).toList());
            writer.begin(buffered);
            while (!end.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long stop = end.get(partition);
                    if (stop == null || record.offset() >= stop) {
                        continue;
                    }
                    read++;
                    if (inWindow(record)) {
                        writer.write(buffered, record);
                        exported++;
                    }
                    if (record.offset() + 1 >= stop) {
                        end.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport > 2_000_000_000L) {
                    progress.accept(new Progress(read, exported, total, read / ((now - start) / 1e9)));
                    lastReport = now;
                }
            }
            buffered.flush();
            return new Progress(read, exported, total, read / Math.max(1e-9, (System.nanoTime() - start) / 1e9));
        }
    }

    private boolean inWindow(ConsumerRecord<byte[], byte[]> record) {
        if (request.from() == null && request.to() == null) {
            return true;
        }
        String time = header(record, EventHeaders.TIME);
        if (time == null) {
            return false;
        }
        Instant at = Instant.parse(time);
        return (request.from() == null || !at.isBefore(request.from())) && (request.to() == null || at.isBefore(request.to()));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** One output format. */
    interface ExportWriter {
        void begin(OutputStream out) throws IOException;

        void write(OutputStream out, ConsumerRecord<byte[], byte[]> record) throws IOException;
    }
}
