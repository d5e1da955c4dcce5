package io.pipeline.infra;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small, deterministic stream of deals opened through the gateway so the figures are not empty. The full
 * sales-org simulator is a separate piece; this only keeps the local stack alive with data.
 */
public final class DemoTraffic implements AutoCloseable {

    private static final List<String> REGIONS = List.of("emea", "amer", "apac");
    /** Stages of the shipped processes (opportunity-service's {@code SalesProcess}): SMB's skips three. */
    private static final List<String> ENTERPRISE_STAGES = List.of("Qualified", "Business case", "Evaluation",
            "Shortlisted", "Selected", "Redlining contract");
    private static final List<String> SMB_STAGES = List.of("Qualified", "Evaluation", "Selected");
    private static final List<String> SEGMENTS = List.of("ENTERPRISE", "MID_MARKET", "SMB");

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-traffic");
        thread.setDaemon(true);
        return thread;
    });
    private final Random random = new Random(42);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> lastRefusal = new AtomicReference<>();
    private final String gatewayUrl;
    private final Consumer<String> report;
    /** The demo traffic opens deals for every team, so it acts as the demo admin. */
    private volatile String token;

    public DemoTraffic(String gatewayUrl, Consumer<String> report) {
        this.gatewayUrl = gatewayUrl;
        this.report = report;
    }

    /** Starts the stream; after {@link #close()} (the stack stopping first) it does nothing. */
    public void start(Duration interval) {
        if (scheduler.isShutdown()) {
            return;
        }
        scheduler.scheduleWithFixedDelay(this::openOneDeal, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleAtFixedRate(() -> report.accept(opened.get() + " demo deals opened so far"
                + (failed.get() > 0 ? ", " + failed.get() + " refused (the last: " + lastRefusal.get() + ")" : "")),
                1, 1, TimeUnit.MINUTES);
    }

    private void openOneDeal() {
        String region = REGIONS.get(random.nextInt(REGIONS.size()));
        int team = random.nextInt(3) + 1;
        int rep = random.nextInt(4) + 1;
        Map<String, Object> deal = new LinkedHashMap<>();
        deal.put("accountId", "demo-account-" + random.nextInt(200));
        deal.put("name", "Demo deal " + (opened.get() + failed.get() + 1));
        deal.put("ownerId", region + "-t" + team + "-rep" + rep);
        deal.put("teamId", region + "-team-" + team);
        deal.put("regionId", region);
        String segment = SEGMENTS.get(random.nextInt(SEGMENTS.size()));
        deal.put("segment", segment);
        deal.put("type", "NEW_BUSINESS");
        deal.put("amount", BigDecimal.valueOf(5_000 + random.nextInt(245_000)).setScale(2, RoundingMode.UNNECESSARY)
                .toPlainString());
        deal.put("currency", "USD");
        deal.put("closeDate", LocalDate.now().plusDays(random.nextInt(150)).toString());
        List<String> stages = "SMB".equals(segment) ? SMB_STAGES : ENTERPRISE_STAGES;
        deal.put("stage", stages.get(random.nextInt(stages.size())));
        try {
            if (token == null) {
                token = DevTokens.fetch(http, gatewayUrl, "admin-1");
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/opportunities"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(deal))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                token = null; // expired, or the gateway restarted with a new key: get a new one next time
            }
            if (response.statusCode() == 201) {
                opened.incrementAndGet();
            } else {
                refused("HTTP " + response.statusCode() + " " + response.body());
            }
        } catch (Exception e) {
            refused(e.toString());
        }
    }

    private void refused(String why) {
        failed.incrementAndGet();
        lastRefusal.set(why.length() > 300 ? why.substring(0, 300) + "..." : why);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
