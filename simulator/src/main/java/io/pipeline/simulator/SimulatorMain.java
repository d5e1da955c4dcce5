package io.pipeline.simulator;

import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The simulator's command line: generates a sales org's history and writes it to Kafka in bulk, or drives the
 * public API with it, or only prints what it would generate. Progress goes to standard error, the summary to
 * standard output. Exits 0 on success, 1 when the sink failed, 2 on a wrong option.
 */
public final class SimulatorMain {

    static final String USAGE = """
            Usage: java -cp 'simulator.jar:lib/*' io.pipeline.simulator.SimulatorMain [options]

              --seed=N                 root of every random draw (default 1); same seed, same events
              --from=DATE|INSTANT      business time of the first arrivals (default 2025-01-01)
              --to=DATE|INSTANT        business time the history stops at, exclusive (default 2026-07-01)
              --reps=N                 at least N reps: adds teams of 8 in 3 regions (default 96)
              --sink=kafka|api|none    where the events go (default none: print the summary only)
              --bootstrap-servers=H:P  Kafka, for --sink=kafka (default 127.0.0.1:19092, the local stack)
              --gateway-url=URL        the gateway, for --sink=api (default http://127.0.0.1:8080)
              --events-limit=N         stop after N events (default: all)
              --max-in-flight=N        concurrent API requests, for --sink=api (default 16)
              --token=JWT              bearer token for --sink=api and --plan (an admin's: it acts for every rep)
              --plan=LEVELS            after the events, set the org's plan through --gateway-url: the org chart
                                       (every rep's team, every team's region), the currency rates and the quotas of
                                       every quarter for the levels named, any of org,region,team,rep (the rep
                                       quotas of a 40,000-rep org are a million requests: name fewer levels)
              --help                   this text

            Examples:
              SimulatorMain --seed=7 --reps=1000 --sink=kafka --bootstrap-servers=127.0.0.1:9092
              SimulatorMain --seed=7 --from=2026-01-01 --to=2026-06-01 --reps=20 --sink=api
            """;
    private static final Set<String> OPTIONS = Set.of("seed", "from", "to", "reps", "sink", "bootstrap-servers", "token",
            "gateway-url", "events-limit", "max-in-flight", "plan", "help");
    private static final Set<String> PLAN_LEVELS = Set.of("org", "region", "team", "rep");
    private static final int PLAN_QUARTERS_AHEAD = 2;

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        // before any logger exists: without a configuration of its own, logback would print the Kafka client's
        // DEBUG lines into the summary on standard output
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "simulator-logback.xml");
        }
        // Exits explicitly: the Kafka client's threads must not keep a finished run alive.
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        SimulationConfig config;
        try {
            options = parse(args);
            if (options.containsKey("help")) {
                out.print(USAGE);
                return 0;
            }
            config = configure(options);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        String sink = options.getOrDefault("sink", "none");
        long limit = Long.parseLong(options.getOrDefault("events-limit", Long.toString(Long.MAX_VALUE)));
        Simulation simulation = new Simulation(config);
        SimulationSummary.Accumulator summary = new SimulationSummary.Accumulator(config, config.end());
        err.printf("simulating %d reps from %s to %s, seed %d, sink %s%n", config.org().totalReps(), config.start(),
                config.end(), config.seed(), sink);
        try {
            switch (sink) {
                case "kafka" -> {
                    try (KafkaBulkWriter writer = new KafkaBulkWriter(
                            options.getOrDefault("bootstrap-servers", "127.0.0.1:19092"), config.seed())) {
                        writer.write(simulation.histories().map(h -> peek(h, summary)), limit,
                                new Progress("kafka", err, 1000));
                    }
                }
                case "api" -> {
                    ApiDriver driver = new ApiDriver(URI.create(options.getOrDefault("gateway-url",
                            "http://127.0.0.1:8080")), BearerToken.of(options.get("token")),
                            Integer.parseInt(options.getOrDefault("max-in-flight", "16")), err);
                    ApiDriver.Report report = driver.drive(observed(simulation.inBusinessTimeOrder(), summary),
                            limit, Instant.now(), new Progress("api", err, 1000));
                    out.println("API calls succeeded: " + report.succeeded());
                    out.println("API calls failed: " + report.failed());
                    out.println("events the services recorded themselves (deals opened from leads): "
                            + report.recordedByTheServices());
                    if (report.notYetHappened() > 0) {
                        out.println("stopped at the first event after now: the lead API refuses future business times");
                    }
                    if (report.failures() > 0) {
                        out.print(summary.result().describe());
                        return 1;
                    }
                }
                case "none" -> simulation.events().limit(limit).forEach(summary);
                default -> throw new IllegalStateException("unreachable: " + sink);
            }
            out.print(summary.result().describe());
            // after the summary, which a refused plan request must not cost
            if (options.containsKey("plan") && !plan(options, config, simulation, out, err)) {
                return 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        } catch (RuntimeException e) {
            err.println("simulation failed: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** Sends the plan's requests; false when any was refused (the driver logged which on standard error). */
    private static boolean plan(Map<String, String> options, SimulationConfig config, Simulation simulation,
                                PrintStream out, PrintStream err) throws InterruptedException {
        Set<String> levels = Set.of(options.get("plan").split(","));
        ApiDriver driver = new ApiDriver(URI.create(options.getOrDefault("gateway-url", "http://127.0.0.1:8080")),
                BearerToken.of(options.get("token")), Integer.parseInt(options.getOrDefault("max-in-flight", "16")), err);
        SalesPlan plan = new SalesPlan(config, SalesPlan.DEMO_RATES);
        ApiDriver.Report report = driver.sendAll(plan.requests(simulation, PLAN_QUARTERS_AHEAD,
                scope -> levels.contains(scope.contains(":") ? scope.substring(0, scope.indexOf(':')) : scope))
                .stream(), new Progress("plan", err, 100));
        out.println("plan requests succeeded: " + report.succeeded());
        out.println("plan requests failed: " + report.failed());
        return report.failures() == 0;
    }

    private static AggregateHistory peek(AggregateHistory history, SimulationSummary.Accumulator summary) {
        history.events().forEach(summary);
        return history;
    }

    private static Iterator<Simulation.SequencedEvent> observed(Iterator<Simulation.SequencedEvent> events,
                                                               SimulationSummary.Accumulator summary) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Simulation.SequencedEvent next() {
                Simulation.SequencedEvent next = events.next();
                summary.accept(next.event());
                return next;
            }
        };
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option: --" + name);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (name.equals("help")) {
                value = "";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            options.put(name, value);
        }
        return options;
    }

    static SimulationConfig configure(Map<String, String> options) {
        SimulationConfig config = SimulationConfig.defaults();
        if (options.containsKey("seed")) {
            config = config.withSeed(number(options, "seed"));
        }
        config = config.withPeriod(instant(options.get("from"), config.start()), instant(options.get("to"), config.end()));
        if (options.containsKey("reps")) {
            long reps = number(options, "reps");
            if (reps < 1 || reps > 1_000_000) {
                throw new IllegalArgumentException("--reps must be within 1..1000000");
            }
            config = config.withOrg(config.org().withAtLeastReps((int) reps));
        }
        String sink = options.getOrDefault("sink", "none");
        if (sink.equals("api") && !options.containsKey("token")) {
            throw new IllegalArgumentException("--sink=api needs --token=<bearer token> (an admin's: on the local"
                    + " stack, POST /auth/token with username=admin-1 to the gateway)");
        }
        if (options.containsKey("plan")) {
            if (!options.containsKey("token")) {
                throw new IllegalArgumentException("--plan needs --token=<bearer token> (an admin's: on the local"
                        + " stack, POST /auth/token with username=admin-1 to the gateway)");
            }
            for (String level : options.get("plan").split(",", -1)) {
                if (!PLAN_LEVELS.contains(level)) {
                    throw new IllegalArgumentException("--plan takes quota levels among org,region,team,rep, not '"
                            + level + "'");
                }
            }
        }
        if (!Set.of("kafka", "api", "none").contains(sink)) {
            throw new IllegalArgumentException("--sink must be kafka, api or none, not " + sink);
        }
        if (options.containsKey("events-limit") && number(options, "events-limit") < 1) {
            throw new IllegalArgumentException("--events-limit must be at least 1");
        }
        if (options.containsKey("max-in-flight") && number(options, "max-in-flight") < 1) {
            throw new IllegalArgumentException("--max-in-flight must be at least 1");
        }
        return config;
    }

    private static long number(Map<String, String> options, String name) {
        try {
            return Long.parseLong(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + options.get(name));
        }
    }

    /** A date means its start, in UTC; an instant is taken as it is. */
    private static Instant instant(String value, Instant otherwise) {
        if (value == null) {
            return otherwise;
        }
        return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
