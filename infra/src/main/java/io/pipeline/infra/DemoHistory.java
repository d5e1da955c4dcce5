package io.pipeline.infra;

import io.pipeline.simulator.ApiDriver;
import io.pipeline.simulator.BearerToken;
import io.pipeline.simulator.Progress;
import io.pipeline.simulator.Simulation;
import io.pipeline.simulator.SimulationConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives a fresh local stack a past: the simulator plays a small sales org's last months through the gateway, with
 * their business times, so slippage, velocity and as-of figures have history to show. It runs once per data
 * directory, in the background; the stack serves meanwhile.
 */
public final class DemoHistory {

    static final String MARKER = "demo-history-loaded";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gatewayUrl;
    private final Path dataDirectory;
    private final Consumer<String> report;

    public DemoHistory(String gatewayUrl, Path dataDirectory, Consumer<String> report) {
        this.gatewayUrl = gatewayUrl;
        this.dataDirectory = dataDirectory;
        this.report = report;
    }

    /** Plays the history unless this data directory has it already, then runs {@code then}. */
    public Thread startInBackground(Duration months, Runnable then) {
        Thread thread = new Thread(() -> {
            if (!Files.exists(dataDirectory.resolve(MARKER))) {
                play(months);
            }
            then.run();
        }, "demo-history");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void play(Duration span) {
        Instant now = Instant.now();
        SimulationConfig config = SimulationConfig.defaults().withSeed(42)
                .withOrg(new SimulationConfig.OrgShape(2, 2, 4))
                .withPeriod(now.minus(span), now);
        HttpClient http = HttpClient.newHttpClient();
        Path log = dataDirectory.resolve("logs").resolve("demo-history.log");
        try (PrintStream errors = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
             PrintStream progress = new PrintStream(new StatusLines(report), true, StandardCharsets.UTF_8)) {
            report.accept("demo history: playing " + span.toDays() + " days of a " + config.org().totalReps()
                    + "-rep org through the gateway (progress below, refusals in " + log + ")");
            BearerToken admin = new BearerToken(() -> DevTokens.fetch(http, gatewayUrl, "admin-1"));
            setUpPlan(http, DevTokens.fetch(http, gatewayUrl, "admin-1"), now);
            ApiDriver driver = new ApiDriver(URI.create(gatewayUrl), admin, 8, errors);
            ApiDriver.Report result = driver.drive(new Simulation(config).inBusinessTimeOrder(), Long.MAX_VALUE, now,
                    new Progress("demo history", progress, 10_000));
            long succeeded = result.succeeded().values().stream().mapToLong(Long::longValue).sum();
            report.accept("demo history: " + succeeded + " requests played, " + result.failures() + " refused");
            Files.writeString(dataDirectory.resolve(MARKER), now + "\n");
        } catch (IOException | RuntimeException e) {
            report.accept("demo history stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What an admin sets before the figures mean anything: conversion rates for the simulated currencies and an org
     * quota for each quarter of the history and the two ahead.
     */
    private void setUpPlan(HttpClient http, String adminToken, Instant now) throws IOException, InterruptedException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = today.minusYears(1).withDayOfYear(1);
        for (String[] rate : new String[][] {{"EUR", "1.08"}, {"GBP", "1.27"}}) {
            put(http, adminToken, "/api/forecast/currency-rates", Map.of("currency", rate[0],
                    "effectiveFrom", from.toString(), "rate", rate[1]));
        }
        for (LocalDate quarter = today.minusMonths(6); quarter.isBefore(today.plusMonths(7)); quarter = quarter.plusMonths(3)) {
            String period = "FY" + quarter.getYear() + "-Q" + ((quarter.getMonthValue() - 1) / 3 + 1);
            put(http, adminToken, "/api/forecast/quotas", Map.of("period", period, "scope", "org", "amount",
                    "1500000.00"));
        }
    }

    private void put(HttpClient http, String token, String path, Map<String, String> body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            report.accept("demo plan: PUT " + path + " answered " + response.statusCode() + " " + response.body());
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
