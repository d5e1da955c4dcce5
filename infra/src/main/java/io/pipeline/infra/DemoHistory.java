package io.pipeline.infra;

import io.pipeline.simulator.ApiCall;
import io.pipeline.simulator.ApiDriver;
import io.pipeline.simulator.BearerToken;
import io.pipeline.simulator.DemoOrg;
import io.pipeline.simulator.Progress;
import io.pipeline.simulator.SalesPlan;
import io.pipeline.simulator.Simulation;
import io.pipeline.simulator.SimulationConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Gives a fresh local stack a past: the plan an admin sets (where each rep and team sits, currency rates, quotas),
 * then the simulator plays the demo org's ({@link DemoOrg}) last seven fiscal quarters and the current one through the
 * gateway as {@code admin-1}, with their business times (an admin's back-dated commands are history imports), the
 * latest stories first so the current quarter's screens fill first, then the forecast calls of those quarters (the
 * reps', managers', region leaders' and the CRO's). It runs once per data directory, in the background; the stack serves meanwhile.
 */
public final class DemoHistory {

    static final String MARKER = "demo-history-loaded";
    /** Quotas are set this many quarters ahead of the current one. */
    private static final int QUARTERS_AHEAD = 2;
    /** Stories (and plan requests) side by side: enough to hide each request's round trip, the pace caps the rest. */
    private static final int STORIES_IN_FLIGHT = 16;

    private final String gatewayUrl;
    private final Path dataDirectory;
    private final Consumer<String> report;

    public DemoHistory(String gatewayUrl, Path dataDirectory, Consumer<String> report) {
        this.gatewayUrl = gatewayUrl;
        this.dataDirectory = dataDirectory;
        this.report = report;
    }

    /** Plays the history unless this data directory has it already, then runs {@code then}. */
    public Thread startInBackground(Runnable then) {
        Thread thread = new Thread(() -> {
            if (!Files.exists(dataDirectory.resolve(MARKER))) {
                play();
            }
            then.run();
        }, "demo-history");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void play() {
        long begin = System.nanoTime();
        Instant now = Instant.now();
        SimulationConfig config = DemoOrg.config(now);
        Simulation simulation = new Simulation(config);
        SalesPlan plan = new SalesPlan(config, SalesPlan.DEMO_RATES);
        HttpClient http = HttpClient.newHttpClient();
        Path log = dataDirectory.resolve("logs").resolve("demo-history.log");
        try (PrintStream errors = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
             PrintStream progress = new PrintStream(new StatusLines(report), true, StandardCharsets.UTF_8)) {
            report.accept("demo history: " + config.org().totalReps() + " reps from " + config.start() + " to now, "
                    + "latest first, through the gateway as admin-1 (progress below, refusals in " + log + ")");
            ApiDriver driver = new ApiDriver(URI.create(gatewayUrl),
                    new BearerToken(() -> DevTokens.fetch(http, gatewayUrl, "admin-1")), STORIES_IN_FLIGHT, errors);
            // the plan's settings and the history go side by side: neither needs the other, and the pace is shared
            CompletableFuture<ApiDriver.Report> planning = CompletableFuture.supplyAsync(() -> {
                try {
                    return driver.sendAll(plan.requests(simulation, QUARTERS_AHEAD, scope -> true).stream(),
                            Progress.silent());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            });
            ApiDriver.Report history = driver.drive(simulation.storiesLatestFirst(), now,
                    new Progress("demo history", progress, 15_000));
            ApiDriver.Report planned = planning.join();
            ApiDriver.Report calls = driver.sendAll(plan.calls(simulation.inBusinessTimeOrder(), now).stream()
                    .map(call -> ApiCall.of(call, false)), Progress.silent());
            long refused = planned.failures() + history.failures() + calls.failures();
            report.accept(String.format("demo history: %d plan settings, %d requests of leads and deals and %d forecast"
                            + " calls played in %.0f s, %d refused%s, %d waited out a 429", planned.successes(),
                    history.successes(), calls.successes(), (System.nanoTime() - begin) / 1e9, refused,
                    refused > 0 ? " (see " + log + ")" : "", calls.throttled()));
            Files.writeString(dataDirectory.resolve(MARKER), now + "\n");
        } catch (IOException | RuntimeException e) {
            report.accept("demo history stopped: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Turns the simulator's progress lines into the launcher's status lines. */
    private static final class StatusLines extends OutputStream {
        private final Consumer<String> report;
        private final StringBuilder line = new StringBuilder();

        StatusLines(Consumer<String> report) {
            this.report = report;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                report.accept(line.toString());
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
    }
}
