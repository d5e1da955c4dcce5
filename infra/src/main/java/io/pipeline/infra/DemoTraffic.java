package io.pipeline.infra;

import io.pipeline.simulator.ApiDriver;
import io.pipeline.simulator.BearerToken;
import io.pipeline.simulator.DemoOrg;
import io.pipeline.simulator.LivingOrg;
import io.pipeline.simulator.OrgNow;
import io.pipeline.simulator.SalesPlan;
import io.pipeline.simulator.SimulationConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The demo org living on in real time after its history: it reads the org's leads and deals as the services have
 * them now, then sends one change of the {@link LivingOrg} at a time (a lead captured, qualified, converted; a deal
 * advanced, pushed, won, lost; a rep's call updated), each without a business time, as {@code admin-1} (who may act
 * for every rep). The org keeps its size: deals close as others open. Each minute a status line says what happened.
 */
public final class DemoTraffic implements AutoCloseable {

    /** The read models have caught up when the lists' sizes do not move for this long. */
    private static final Duration SETTLED = Duration.ofSeconds(3);
    private static final int SETTLE_ROUNDS = 20;

    private final String gatewayUrl;
    private final Consumer<String> report;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<LivingOrg.Kind, AtomicLong> lastMinute = new EnumMap<>(LivingOrg.Kind.class);
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> lastRefusal = new AtomicReference<>();
    private ApiDriver api;
    private LivingOrg org;

    public DemoTraffic(String gatewayUrl, Consumer<String> report) {
        this.gatewayUrl = gatewayUrl;
        this.report = report;
        for (LivingOrg.Kind kind : LivingOrg.Kind.values()) {
            lastMinute.put(kind, new AtomicLong());
        }
    }

    /** Starts the org's life, one change every {@code interval}; after {@link #close()} it does nothing. */
    public void start(Duration interval) {
        if (scheduler.isShutdown()) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        api = new ApiDriver(URI.create(gatewayUrl), new BearerToken(() -> DevTokens.fetch(http, gatewayUrl,
                "admin-1")), 1, ApiDriver.DEFAULT_REQUESTS_PER_SECOND, new PrintStream(OutputStream.nullOutputStream()));
        scheduler.execute(() -> {
            try {
                org = wakeUp(Instant.now());
                report.accept("demo org: living on from " + org.openDeals() + " open deals and " + org.openLeads()
                        + " open leads (at most " + org.dealLimit() + " and " + org.leadLimit() + "), one change every "
                        + interval.toMillis() + " ms");
                scheduler.scheduleWithFixedDelay(this::step, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
                scheduler.scheduleAtFixedRate(this::summarise, 1, 1, TimeUnit.MINUTES);
            } catch (RuntimeException e) {
                report.accept("demo org: could not read the org's leads and deals, no live demo: " + e.getMessage());
            }
        });
    }

    /** The demo org as the services have it, once their lists have caught up with what was sent. */
    private LivingOrg wakeUp(Instant now) {
        long count = -1;
        for (int round = 0; round < SETTLE_ROUNDS; round++) {
            long seen = OrgNow.count(api);
            if (seen == count) {
                break;
            }
            count = seen;
            try {
                Thread.sleep(SETTLED.toMillis()); // the lists are read models: give them time to apply the last changes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        SimulationConfig config = DemoOrg.config(now);
        OrgNow state = OrgNow.read(api, DemoOrg.quarterStart(now));
        return new LivingOrg(config, new SalesPlan(config, SalesPlan.DEMO_RATES), state.deals(), state.leads(), now);
    }

    private void step() {
        LivingOrg.Step step = org.next(Instant.now());
        try {
            HttpResponse<String> response = api.send(step.call()).join();
            if (response.statusCode() / 100 == 2) {
                changes.incrementAndGet();
                lastMinute.get(step.kind()).incrementAndGet();
            } else {
                refused(step, response.statusCode() + " " + response.body());
            }
        } catch (RuntimeException e) {
            refused(step, e.toString());
        }
    }

    /** A refused change means the org's idea of that lead or deal is wrong: it stops acting on it. */
    private void refused(LivingOrg.Step step, String why) {
        refused.incrementAndGet();
        step.change().ifPresent(change -> org.forget(change.subject()));
        String line = step.call().method() + " " + step.call().path() + ": " + why;
        lastRefusal.set(line.length() > 300 ? line.substring(0, 300) + "..." : line);
    }

    private void summarise() {
        String happened = lastMinute.entrySet().stream().filter(e -> e.getValue().get() > 0)
                .map(e -> e.getValue().getAndSet(0) + " " + e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        report.accept("demo org: " + (happened.isEmpty() ? "nothing happened" : happened) + " in the last minute; "
                + org.openDeals() + " deals and " + org.openLeads() + " leads open; " + changes.get() + " changes so far"
                + (refused.get() > 0 ? ", " + refused.get() + " refused (the last: " + lastRefusal.get() + ")"
                : ", none refused"));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
