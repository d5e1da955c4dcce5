package io.pipeline.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local stack's settings: {@code --name=value} arguments, else {@code PIPELINE_NAME} environment variables,
 * else the defaults below. Every port can be changed; {@code --reset} wipes the data directory first.
 */
public record LocalStackSettings(Path dataDirectory, boolean reset, int gatewayPort, int leadPort, int opportunityPort,
                                 int forecastPort, int kafkaPort, int postgresPort, boolean demo,
                                 Duration demoInterval, Path repository, boolean traces, int tracesPort,
                                 boolean cluster, Duration startTimeout, long forecastHeapMegabytes) {

    /** In the cluster shape: how many Kafka brokers, and how many instances of each service. */
    static final int CLUSTER_BROKERS = 3;
    static final int CLUSTER_INSTANCES = 2;
    /** Broker n's client port is {@code --kafka-port + n - 1}; its controller port that plus this. */
    static final int CONTROLLER_PORT_OFFSET = 100;
    /** Instance n of a service listens on its {@code --...-port + (n - 1) * this}. */
    static final int INSTANCE_PORT_STEP = 10;

    static final String USAGE = """
            Runs Pipeline on this machine: PostgreSQL, Kafka (KRaft) and the four services, with demo data.

              java -jar infra/target/pipeline-local.jar [options]

              --data-dir=PATH          where PostgreSQL, Kafka and the logs keep their data  (.pipeline-data)
              --reset                  delete the data directory first and start empty
              --gateway-port=N         the one door for clients                               (8080)
              --lead-port=N --opportunity-port=N --forecast-port=N                  (8081, 8082, 8083)
              --kafka-port=N           Kafka's client port                                    (19092)
              --postgres-port=N        PostgreSQL's port                                      (15432)
              --no-demo                start without demo data
              --demo-interval-ms=N     the demo org's live pace: one change every N ms        (1000)
              --repository=PATH        where the services' jars were built                    (detected)
              --traces                 start a trace viewer (Zipkin server) and send every service's spans to it
              --traces-port=N          the trace viewer's port                                (9411)
              --forecast-heap-mb=N     each forecast-service's heap: its index holds every event (1024;
                                       about 1 GB per 8M events, so 8192 for a 1M-deal org of 25M events)
              --cluster                the cluster shape: three Kafka brokers (KRaft, each broker and controller,
                                       a 3-voter quorum; replication factor 3, min.insync.replicas 2) and two
                                       instances of lead-, opportunity- and forecast-service behind the gateway.
                                       Ports from the ones above: brokers on --kafka-port, +1, +2 (19092-19094),
                                       their controllers on those +100 (19192-19194); the second instance of each
                                       service on its port +10 (8091, 8092, 8093). Its data directory is only for
                                       this shape: switch shapes with --reset or another --data-dir.
              --start-timeout-s=N      how long a service (or a restarted one) may take to be up; 0: 4 minutes,
                                       8 in the cluster shape                                 (0)

            Every option can also be set as an environment variable: PIPELINE_GATEWAY_PORT=9090, PIPELINE_RESET=true.
            Stop with Ctrl-C: every process it started stops with it.
            """;

    public static LocalStackSettings parse(String[] args, Map<String, String> environment, Path detectedRepository) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new HelpRequested();
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'\n\n" + USAGE);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            if (eq < 0) {
                given.put(body.startsWith("no-") ? body.substring(3) : body, body.startsWith("no-") ? "false" : "true");
            } else {
                given.put(body.substring(0, eq), body.substring(eq + 1));
            }
        }
        Settings s = new Settings(given, environment);
        LocalStackSettings settings = new LocalStackSettings(
                Path.of(s.text("data-dir", ".pipeline-data")).toAbsolutePath().normalize(),
                s.flag("reset", false),
                s.port("gateway-port", 8080), s.port("lead-port", 8081), s.port("opportunity-port", 8082),
                s.port("forecast-port", 8083), s.port("kafka-port", 19092), s.port("postgres-port", 15432),
                s.flag("demo", true),
                Duration.ofMillis(s.number("demo-interval-ms", 1000)),
                Path.of(s.text("repository", detectedRepository.toString())).toAbsolutePath().normalize(),
                s.flag("traces", false), s.port("traces-port", 9411),
                s.flag("cluster", false), Duration.ofSeconds(s.number("start-timeout-s", 0)),
                s.number("forecast-heap-mb", ServiceProcess.FORECAST_HEAP_MEGABYTES));
        if (settings.forecastHeapMegabytes() < 256) {
            throw new IllegalArgumentException("--forecast-heap-mb must be at least 256, not "
                    + settings.forecastHeapMegabytes());
        }
        s.rejectUnknown();
        // every derived port is computed once here, so a base without room for them is refused at the start
        settings.controllerPorts();
        settings.layout();
        return settings;
    }

    /** The planned services with the heaps these settings give them (forecast-service's may be set). */
    List<ServiceProcess.Spec> withHeaps(List<ServiceProcess.Spec> specs) {
        return specs.stream().map(spec -> spec.name().startsWith("forecast-service")
                ? spec.withMaxHeapMegabytes(forecastHeapMegabytes) : spec).toList();
    }

    /** The shape's name, kept in the data directory: one data directory holds the data of one shape. */
    String shape() {
        return cluster ? "cluster" : "single";
    }

    /** Each broker's client port: one broker on {@code --kafka-port}, or three from it on. */
    List<Integer> kafkaPorts() {
        return derived("kafka-port", kafkaPort, 0, cluster ? CLUSTER_BROKERS : 1, 1);
    }

    /**
     * The cluster's controller ports (fixed, as every broker's quorum configuration names them); none for one broker,
     * whose controller takes a free port.
     */
    List<Integer> controllerPorts() {
        return !cluster ? List.of() : derived("kafka-port", kafkaPort, CONTROLLER_PORT_OFFSET, kafkaPorts().size(), 1);
    }

    ServiceFleet.Layout layout() {
        int instances = cluster ? CLUSTER_INSTANCES : 1;
        return new ServiceFleet.Layout(gatewayPort, derived("lead-port", leadPort, 0, instances, INSTANCE_PORT_STEP),
                derived("opportunity-port", opportunityPort, 0, instances, INSTANCE_PORT_STEP),
                derived("forecast-port", forecastPort, 0, instances, INSTANCE_PORT_STEP));
    }

    private static List<Integer> derived(String option, int base, int offset, int count, int step) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = base + offset + i * step;
            if (port > 65535) {
                throw new IllegalArgumentException("--" + option + "=" + base + " leaves no room for the ports the"
                        + " cluster derives from it (up to " + port + "); choose a lower one");
            }
            ports.add(port);
        }
        return ports;
    }

    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(USAGE);
        }
    }

    private static final class Settings {
        private final Map<String, String> args;
        private final Map<String, String> environment;
        private final java.util.Set<String> known = new java.util.HashSet<>();

        Settings(Map<String, String> args, Map<String, String> environment) {
            this.args = args;
            this.environment = environment;
        }

        String text(String name, String fallback) {
            known.add(name);
            String value = args.get(name);
            if (value == null) {
                value = environment.get("PIPELINE_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            return value == null || value.isBlank() ? fallback : value;
        }

        boolean flag(String name, boolean fallback) {
            return Boolean.parseBoolean(text(name, Boolean.toString(fallback)));
        }

        long number(String name, long fallback) {
            String value = text(name, Long.toString(fallback));
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
            }
        }

        int port(String name, int fallback) {
            long port = number(name, fallback);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--" + name + " must be a port between 1 and 65535, not " + port);
            }
            return (int) port;
        }

        void rejectUnknown() {
            for (String name : args.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("Unknown option --" + name + "\n\n" + USAGE);
                }
            }
        }
    }
}
