package io.pipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster on one machine: n KRaft nodes, each broker and controller (combined mode), each its own
 * client port, controller port and log directory ({@code <data>/broker-<id>}), the n controllers one static quorum
 * ({@code controller.quorum.voters}). Internal topics are replicated on every broker (up to 3, min in-sync 2). Like
 * {@link KafkaBroker}, each node stops by itself when this JVM dies.
 */
public final class KafkaCluster implements AutoCloseable {

    /**
     * No node is ready before a majority of the quorum has elected a controller and every node has registered with
     * it: three JVMs starting at once on two shared cores, with the machine's load average at 30, took just over
     * the single broker's 90 s (node 1 registered as its deadline ran out).
     */
    static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final List<KafkaBroker> brokers;

    private KafkaCluster(List<KafkaBroker> brokers) {
        this.brokers = brokers;
    }

    /**
     * Starts every node at once (a quorum needs a majority of its voters up before any node is ready) and waits
     * until each answers on its client port.
     *
     * @param clientPorts     the client port of node 1, 2, ... (their number is the cluster's size)
     * @param controllerPorts the controller port of each node, as many; fixed, because every node's quorum
     *                        configuration names them, also when one node is restarted alone
     */
    public static KafkaCluster start(Path dataDirectory, List<Integer> clientPorts, List<Integer> controllerPorts) {
        if (clientPorts.size() != controllerPorts.size() || clientPorts.isEmpty()) {
            throw new IllegalArgumentException("one client and one controller port per node");
        }
        int size = clientPorts.size();
        String voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        // a node formatted earlier keeps its cluster id; new nodes join it
        String clusterId = existingClusterId(dataDirectory, size).orElseGet(() -> Uuid.randomUuid().toString());
        List<KafkaBroker> brokers = new ArrayList<>();
        try {
            // formatted side by side: each format is a JVM of its own
            List<CompletableFuture<KafkaBroker>> prepared = IntStream.range(0, size)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> KafkaBroker.prepare(new KafkaBroker.Node(
                            nodeDirectory(dataDirectory, i + 1), i + 1, clientPorts.get(i), controllerPorts.get(i),
                            voters, size), clusterId)))
                    .toList();
            CompletableFuture.allOf(prepared.toArray(CompletableFuture[]::new)).exceptionally(failed -> null).join();
            for (CompletableFuture<KafkaBroker> node : prepared) {
                if (!node.isCompletedExceptionally()) {
                    brokers.add(node.join());
                }
            }
            if (brokers.size() < size) {
                prepared.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst().orElseThrow().join();
            }
            brokers.forEach(KafkaBroker::launch);
            CompletableFuture.allOf(brokers.stream()
                    .map(broker -> CompletableFuture.runAsync(() -> broker.awaitReady(START_TIMEOUT)))
                    .toArray(CompletableFuture[]::new)).join();
            return new KafkaCluster(brokers);
        } catch (RuntimeException e) {
            brokers.forEach(KafkaBroker::close);
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    static Path nodeDirectory(Path dataDirectory, int nodeId) {
        return dataDirectory.resolve("broker-" + nodeId);
    }

    private static Optional<String> existingClusterId(Path dataDirectory, int size) {
        for (int id = 1; id <= size; id++) {
            Path meta = nodeDirectory(dataDirectory, id).resolve("log").resolve("meta.properties");
            if (Files.isRegularFile(meta)) {
                Properties properties = new Properties();
                try (var in = Files.newInputStream(meta)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read " + meta, e);
                }
                return Optional.ofNullable(properties.getProperty("cluster.id"));
            }
        }
        return Optional.empty();
    }

    /** Every node's client address, comma-separated: what clients bootstrap from. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<KafkaBroker> brokers() {
        return brokers;
    }

    @Override
    public void close() {
        // side by side: a controlled shutdown of the last nodes waits for a quorum the first ones would leave
        brokers.stream().map(b -> CompletableFuture.runAsync(b::close)).toList().forEach(CompletableFuture::join);
    }
}
