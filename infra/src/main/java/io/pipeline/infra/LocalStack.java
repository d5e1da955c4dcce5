package io.pipeline.infra;

import io.pipeline.contract.TopicProvisioner;
import io.pipeline.embedded.KafkaBroker;
import io.pipeline.embedded.KafkaCluster;
import io.pipeline.embedded.Ports;
import io.pipeline.embedded.PostgresServer;
import io.pipeline.simulator.DemoOrg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Runs the whole system on one machine with nothing but a JDK: a real PostgreSQL and a real KRaft Kafka broker
 * from Maven Central artifacts, the topics and databases, then the four services as separate processes, and demo
 * traffic. Data stays in the data directory between runs. Ctrl-C stops everything it started.
 */
public final class LocalStack {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(4);
    /** How long a taken port may take to come free: a stack stopped a moment ago gives its ports back in seconds. */
    private static final Duration PORT_GRACE = Duration.ofSeconds(15);
    /** A restarted broker's wait to be ready: as long as a cluster's first start (KafkaCluster), on a loaded machine. */
    private static final Duration BROKER_START_TIMEOUT = Duration.ofMinutes(4);

    private final LocalStackSettings settings;
    private final Status status = new Status();
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private volatile ServiceFleet fleet;
    private volatile List<KafkaBroker> brokers = List.of();

    LocalStack(LocalStackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        LocalStackSettings settings;
        try {
            settings = LocalStackSettings.parse(args, System.getenv(), detectRepository());
        } catch (LocalStackSettings.HelpRequested help) {
            System.out.println(help.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            stack.status.failed(e.getMessage());
            // the shutdown hook stops whatever did start; exit explicitly, non-daemon threads would keep us alive
            System.exit(1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void start() {
        long begin = System.nanoTime();
        status.info("Pipeline local stack, data in " + settings.dataDirectory());
        checkPorts();
        if (settings.reset()) {
            deleteRecursively(settings.dataDirectory());
            status.info("reset: deleted " + settings.dataDirectory());
        }
        requireSameShape();
        if (settings.cluster()) {
            status.info("cluster shape: " + settings.kafkaPorts().size() + " Kafka brokers, "
                    + LocalStackSettings.CLUSTER_INSTANCES + " instances of each service behind the gateway");
        }
        Path postgresData = settings.dataDirectory().resolve("postgres");
        stopOrphanedPostgres(postgresData);

        long t = System.nanoTime();
        PostgresServer postgres = PostgresServer.start(postgresData, settings.postgresPort());
        running.push(postgres);
        status.ok("PostgreSQL", "up on 127.0.0.1:" + postgres.port(), t);

        t = System.nanoTime();
        String kafkaBootstrapServers = startKafka(t);

        t = System.nanoTime();
        List<String> databases = new java.util.ArrayList<>(List.of("leads", "opportunities"));
        List<String> forecastDatabases = ServiceFleet.forecastDatabases(settings.layout().forecast().size());
        databases.addAll(forecastDatabases);
        databases.forEach(postgres::ensureDatabase);
        TopicProvisioner.ensurePublicTopics(kafkaBootstrapServers);
        status.ok("databases/topics", String.join(", ", databases) + " / pipeline.leads.v1, pipeline.opportunities.v1,"
                + " pipeline.dead-letters.v1" + (settings.cluster() ? " (replication factor 3, min.insync.replicas 2)"
                : ""), t);

        Path logs = settings.dataDirectory().resolve("logs");
        TraceViewer traces = null;
        if (settings.traces()) {
            t = System.nanoTime();
            traces = TraceViewer.start(settings.repository(), settings.tracesPort(), logs, SERVICE_START_TIMEOUT);
            running.push(traces);
            status.ok("traces (Zipkin)", "up on " + traces.url() + "   log: zipkin.log", t);
        }

        t = System.nanoTime();
        List<ServiceProcess.Spec> specs = settings.withHeaps(ServiceFleet.plan(settings.repository(), settings.layout(),
                kafkaBootstrapServers,
                database(postgres, "leads"), database(postgres, "opportunities"),
                forecastDatabases.stream().map(name -> database(postgres, name)).toList(),
                traces == null ? null : traces.spansEndpoint()));
        status.info("starting " + specs.size() + " services (logs in " + logs + ") ...");
        long servicesStart = t;
        ServiceFleet fleet = ServiceFleet.start(specs, logs, serviceStartTimeout(),
                service -> status.ok(service.spec().name(), "up on " + service.spec().url() + "   log: "
                        + service.log().getFileName(), servicesStart));
        running.push(fleet);
        this.fleet = fleet;
        fleet.supervise(status::info, ServiceSupervisor.Backoff.DEFAULT, serviceStartTimeout());

        String gateway = "http://localhost:" + settings.gatewayPort();
        if (settings.demo()) {
            DemoTraffic demo = new DemoTraffic(gateway, status::info);
            running.push(demo);
            new DemoHistory(gateway, settings.dataDirectory(), status::info)
                    .startInBackground(() -> demo.start(settings.demoInterval()));
            status.ok("demo data", "a 16-rep org's last " + DemoOrg.QUARTERS + " quarters (first run only), then"
                    + " the same org living on, one change every " + settings.demoInterval().toMillis() + " ms,"
                    + " through the gateway", System.nanoTime());
        }
        status.ready(begin, gateway);
        if (traces != null) {
            System.out.println("  Traces: " + traces.url() + " (every request, command, relayed record and applied"
                    + " event; search by traceId from a log line)");
        }
    }

    /**
     * One broker, or the cluster's three (each its own ports and log directory under {@code kafka/}), supervised
     * like the services: a broker that exits unasked is restarted on its data. Returns the bootstrap servers.
     */
    private String startKafka(long begin) {
        Path directory = settings.dataDirectory().resolve("kafka");
        List<KafkaBroker> brokers;
        String bootstrapServers;
        if (settings.cluster()) {
            KafkaCluster cluster = KafkaCluster.start(directory, settings.kafkaPorts(), settings.controllerPorts());
            running.push(cluster);
            brokers = cluster.brokers();
            bootstrapServers = cluster.bootstrapServers();
            for (KafkaBroker broker : brokers) {
                status.ok("kafka-" + broker.nodeId(), "up on " + broker.bootstrapServers() + " (controller :"
                        + broker.controllerPort() + ")   log: " + settings.dataDirectory().relativize(broker.logFile()),
                        begin);
            }
        } else {
            KafkaBroker broker = KafkaBroker.start(directory, settings.kafkaPort());
            running.push(broker);
            brokers = List.of(broker);
            bootstrapServers = broker.bootstrapServers();
            status.ok("Kafka (KRaft)", "up on " + broker.bootstrapServers(), begin);
        }
        this.brokers = brokers;
        running.push(new ServiceSupervisor(brokers.stream().map(SupervisedBroker::new).toList(), status::info,
                ServiceSupervisor.Backoff.DEFAULT, BROKER_START_TIMEOUT));
        return bootstrapServers;
    }

    /**
     * Seven JVMs starting at once on two shared cores take longer than four: measured 250 s each for the cluster
     * shape with the machine's load average at 40 (other builds running), over the single shape's 4 minutes; at a
     * load average of 70, over 8 minutes (the fault suite gives {@code --start-timeout-s}).
     */
    private Duration serviceStartTimeout() {
        if (!settings.startTimeout().isZero()) {
            return settings.startTimeout();
        }
        return settings.cluster() ? SERVICE_START_TIMEOUT.multipliedBy(2) : SERVICE_START_TIMEOUT;
    }

    /** The running services (for the fault suite: which process to kill). */
    ServiceFleet fleet() {
        return fleet;
    }

    /** The running Kafka brokers, one or three. */
    List<KafkaBroker> brokers() {
        return brokers;
    }

    void stop() {
        if (!running.isEmpty()) {
            status.info("stopping ...");
        }
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                status.info("while stopping: " + e.getMessage());
            }
        }
    }

    private static ServiceFleet.Database database(PostgresServer postgres, String name) {
        return new ServiceFleet.Database(postgres.jdbcUrl(name), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private void checkPorts() {
        Ports.requireFree(settings.postgresPort(), "PostgreSQL", "--postgres-port", PORT_GRACE);
        if (settings.cluster()) {
            List<Integer> kafka = settings.kafkaPorts();
            List<Integer> controllers = settings.controllerPorts();
            for (int i = 0; i < kafka.size(); i++) {
                String derived = "--kafka-port (broker n listens on it + n - 1, its controller on that + "
                        + LocalStackSettings.CONTROLLER_PORT_OFFSET + ")";
                Ports.requireFree(kafka.get(i), "Kafka broker " + (i + 1), derived, PORT_GRACE);
                Ports.requireFree(controllers.get(i), "the controller of Kafka broker " + (i + 1), derived,
                        PORT_GRACE);
            }
        } else {
            Ports.requireFree(settings.kafkaPort(), "Kafka", "--kafka-port", PORT_GRACE);
        }
        ServiceFleet.Layout layout = settings.layout();
        requireFree(layout.lead(), "lead-service", "--lead-port");
        requireFree(layout.opportunity(), "opportunity-service", "--opportunity-port");
        requireFree(layout.forecast(), "forecast-service", "--forecast-port");
        Ports.requireFree(settings.gatewayPort(), "the gateway", "--gateway-port", PORT_GRACE);
        if (settings.traces()) {
            Ports.requireFree(settings.tracesPort(), "the trace viewer", "--traces-port", PORT_GRACE);
        }
    }

    private static void requireFree(List<Integer> instances, String service, String option) {
        for (int i = 0; i < instances.size(); i++) {
            if (instances.size() == 1) {
                Ports.requireFree(instances.get(i), service, option, PORT_GRACE);
            } else {
                Ports.requireFree(instances.get(i), service + "-" + (i + 1), option + " (instance n listens on it + (n - 1) x "
                        + LocalStackSettings.INSTANCE_PORT_STEP + ")", PORT_GRACE);
            }
        }
    }

    /**
     * A data directory holds one shape's data: the cluster's Kafka log (three brokers) and the relay's and the
     * forecast's positions in it do not carry over to a single broker's, or back. The first start writes the shape.
     */
    private void requireSameShape() {
        Path marker = settings.dataDirectory().resolve("shape");
        try {
            if (Files.isRegularFile(marker)) {
                String made = Files.readString(marker).trim();
                if (!made.equals(settings.shape())) {
                    throw new IllegalStateException(settings.dataDirectory() + " holds the data of the " + made
                            + " shape; start " + (made.equals("cluster") ? "with --cluster" : "without --cluster")
                            + ", or with --reset (deletes it) or another --data-dir.");
                }
            } else if (Files.isDirectory(settings.dataDirectory().resolve("kafka")) && settings.cluster()) {
                throw new IllegalStateException(settings.dataDirectory() + " holds a single broker's data; start"
                        + " --cluster with --reset (deletes it) or another --data-dir.");
            } else {
                Files.createDirectories(settings.dataDirectory());
                Files.writeString(marker, settings.shape() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write " + marker, e);
        }
    }

    /** A PostgreSQL left running by a launcher that was killed still holds the data directory: stop it. */
    private void stopOrphanedPostgres(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            Optional<ProcessHandle> orphan = lines.findFirst().map(String::trim).filter(s -> s.matches("\\d+"))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid))).filter(ProcessHandle::isAlive);
            if (orphan.isPresent()) {
                status.info("stopping PostgreSQL (pid " + orphan.get().pid() + ") left running by an earlier run");
                orphan.get().destroy();
                orphan.get().onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(15),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL of an earlier run still holds " + dataDirectory + " ("
                    + e.getMessage() + "). Stop it, or start with --reset to begin empty.", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }

    /** The repository root: this jar sits in {@code <root>/infra/target/}. */
    static Path detectRepository() {
        try {
            Path jar = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = Files.isDirectory(jar) ? jar.getParent() : jar.getParent();
            return target.getParent().getParent();
        } catch (Exception e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /** One aligned line per component as it comes up. */
    static final class Status {

        synchronized void ok(String component, String detail, long startedNanos) {
            System.out.printf("  [ ok ] %-20s %s (%.1f s)%n", component, detail, (System.nanoTime() - startedNanos) / 1e9);
        }

        synchronized void info(String message) {
            System.out.println("         " + message);
        }

        synchronized void failed(String message) {
            System.out.println("  [FAIL] " + message);
        }

        synchronized void ready(long startedNanos, String gateway) {
            System.out.printf("%n  Pipeline is up in %.1f s. Open:%n", (System.nanoTime() - startedNanos) / 1e9);
            System.out.println("    " + gateway + "/actuator/health                       gateway health");
            System.out.println("    " + gateway + "/api/forecast/category-totals?period=" + currentQuarter()
                    + "   pipeline by forecast category");
            System.out.println("    " + gateway + "/api-docs/opportunities                OpenAPI (also /api-docs/leads,"
                    + " /api-docs/forecast)");
            System.out.println("    " + gateway + "/swagger-ui.html                        Swagger UI over the three APIs");
            System.out.println("  Every /api call needs a bearer token of a demo user (" + gateway + "/auth/users):");
            System.out.println("    TOKEN=$(curl -s -d username=rep-1 " + gateway
                    + "/auth/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
            System.out.println("    curl -H \"Authorization: Bearer $TOKEN\" '" + gateway
                    + "/api/forecast/category-totals?period=" + currentQuarter() + "'");
            System.out.println("  Ctrl-C stops everything.");
        }

        private static String currentQuarter() {
            java.time.LocalDate today = java.time.LocalDate.now();
            return "FY" + today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        }
    }
}
