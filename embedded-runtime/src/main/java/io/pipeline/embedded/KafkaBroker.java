package io.pipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller in one process; alone, or one node of a
 * {@link KafkaCluster}), run as a child JVM from Apache Kafka's own
 * {@code kafka.Kafka} server class on this JVM's class path. The child stops by itself when this JVM dies,
 * so a killed launcher or test run leaves no orphan broker behind.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * One KRaft node, broker and controller in one process.
     *
     * @param nodeId         the node id (1 for a single broker; 1..n in a cluster)
     * @param clientPort     the PLAINTEXT listener clients and other brokers use
     * @param controllerPort the CONTROLLER listener of the quorum
     * @param voters         {@code controller.quorum.voters}: every controller of the cluster, {@code id@host:port}
     * @param replicas       how many brokers the cluster has: the internal topics' replication factor (and a minimum
     *                       in-sync of 2 from three on)
     */
    record Node(Path dataDirectory, int nodeId, int clientPort, int controllerPort, String voters, int replicas) {
    }

    private final Node node;
    private final Path logFile;
    private final Path logback;
    private final Path config;
    private volatile Process process;
    private volatile boolean closed;

    private KafkaBroker(Node node) {
        this.node = node;
        this.logFile = node.dataDirectory().resolve("kafka.log");
        this.logback = node.dataDirectory().resolve("logback-kafka.xml");
        this.config = node.dataDirectory().resolve("server.properties");
    }

    /**
     * @param dataDirectory where the log segments live; kept between runs (formatted only the first time)
     * @param port          the client port, 0 for any free port
     */
    public static KafkaBroker start(Path dataDirectory, int port) {
        int clientPort = Ports.resolve(port);
        int controllerPort = Ports.freePort();
        KafkaBroker broker = prepare(new Node(dataDirectory, 1, clientPort, controllerPort,
                "1@127.0.0.1:" + controllerPort, 1), Uuid.randomUuid().toString());
        broker.launch();
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** Writes the node's configuration and formats its storage with {@code clusterId} the first time. */
    static KafkaBroker prepare(Node node, String clusterId) {
        KafkaBroker broker = new KafkaBroker(node);
        try {
            Files.createDirectories(node.dataDirectory());
            Path logDirectory = node.dataDirectory().resolve("log");
            writeServerProperties(broker.config, logDirectory, node);
            Files.writeString(broker.logback, LOGBACK, StandardCharsets.UTF_8);
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                Process format = childJvm(broker.logback, broker.logFile, "kafka.tools.StorageTool",
                        "format", "--cluster-id", clusterId, "--config", broker.config.toString(),
                        "--ignore-formatted");
                if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    format.destroyForcibly();
                    throw new IllegalStateException("Formatting Kafka storage failed; see " + broker.logFile);
                }
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        }
    }

    /** Starts the server process (the node must be prepared; its storage formatted). */
    synchronized void launch() {
        if (closed) {
            throw new IllegalStateException("Kafka broker " + node.nodeId() + " is stopped");
        }
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka broker " + node.nodeId() + " is still running");
        }
        try {
            process = childJvm(logback, logFile, ParentWatchdog.class.getName(),
                    Long.toString(ProcessHandle.current().pid()), "kafka.Kafka", config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka broker " + node.nodeId() + " did not start: " + e.getMessage(), e);
        }
    }

    /** Starts the broker again, with the same configuration and data, once its process has exited. */
    public void restart() {
        launch();
    }

    /** Completes when the current process exits (a restarted broker has a new one). */
    public java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Whether it was stopped by {@link #close()} (then its exit is no reason to restart it). */
    public boolean closed() {
        return closed;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int nodeId() {
        return node.nodeId();
    }

    public Path logFile() {
        return logFile;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + node.clientPort();
    }

    public int port() {
        return node.clientPort();
    }

    public int controllerPort() {
        return node.controllerPort();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until this broker answers a metadata request on its own client port (in a cluster: the quorum is up). */
    public void awaitReady() {
        awaitReady(START_TIMEOUT);
    }

    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            while (Instant.now().isBefore(deadline)) {
                Process current = process;
                if (!current.isAlive()) {
                    throw new IllegalStateException("Kafka broker " + node.nodeId() + " exited with code "
                            + current.exitValue() + " while starting; see " + logFile);
                }
                try {
                    if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream()
                            .anyMatch(n -> n.id() == node.nodeId())) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
                    // not listening yet: poll again until the deadline
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        }
        throw new IllegalStateException("Kafka broker " + node.nodeId() + " did not become ready within "
                + timeout + "; see " + logFile);
    }

    private static Process childJvm(Path logback, Path logFile, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms128m");
        command.add("-Xmx768m");
        command.add("-Dlogback.configurationFile=" + logback);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    private static void writeServerProperties(Path config, Path logDirectory, Node node) throws IOException {
        String replicas = Integer.toString(node.replicas());
        // with three brokers or more an acknowledged write (acks=all) is on two at least, and one may be down
        String minInSync = node.replicas() >= 3 ? "2" : "1";
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + node.nodeId(),
                "controller.quorum.voters=" + node.voters(),
                "listeners=PLAINTEXT://127.0.0.1:" + node.clientPort() + ",CONTROLLER://127.0.0.1:"
                        + node.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.clientPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDirectory,
                "num.partitions=6",
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minInSync,
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minInSync,
                "share.coordinator.state.topic.replication.factor=" + replicas,
                "share.coordinator.state.topic.min.isr=" + minInSync,
                "group.initial.rebalance.delay.ms=0",
                // The event history is kept forever: BI teams replay it from offset zero.
                "log.retention.ms=-1",
                "log.retention.bytes=-1",
                "auto.create.topics.enable=false",
                "");
        Files.writeString(config, properties, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Process current;
        synchronized (this) { // no restart after this
            closed = true;
            current = process;
        }
        if (current != null && current.isAlive()) {
            current.destroy(); // SIGTERM: Kafka's own shutdown hook runs a controlled shutdown
            try {
                if (!current.waitFor(30, TimeUnit.SECONDS)) {
                    current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                current.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka" level="WARN"/>
              <logger name="org.apache.kafka" level="WARN"/>
              <logger name="state.change.logger" level="WARN"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
