package io.pipeline.forecast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.inspection.InspectionQuery;
import io.pipeline.forecast.inspection.InspectionSort;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.projection.DealEvents;
import io.pipeline.forecast.projection.EventMeta;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Pipeline inspection over HTTP on a generated history held by the serving index (appended to it directly, as the
 * consumer does after a batch: the benchmark is about the query, not the ingestion), beside the cheapest
 * authenticated GET of the service in the same run, at every scope level. Size: {@code -Dbench.deals} (default 100,000) x
 * {@code -Dbench.eventsPerDeal} (default 20); {@code -Dbench.queryRuns} timed requests per query (default 60).
 * <pre>
 * ./mvnw -o -pl forecast-service verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=InspectionBenchmark
 * </pre>
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pipeline.forecast.consumer-group=forecast-inspection-bench-${random.uuid}")
@RealInfrastructure(database = "forecast")
class InspectionBenchmark {

    static final int DEALS = Integer.getInteger("bench.deals", 100_000);
    static final int EVENTS_PER_DEAL = Integer.getInteger("bench.eventsPerDeal", 20);
    /** rep-7 is one of the about six reps of team-7 (the generator's team of a rep is its id's hash). */
    static final List<String> SCOPES = List.of("region:emea", "team:team-7", "rep:rep-7", "segment:SMB");
    static final String PERIOD = "period=FY2025-Q3&scope=org&changedSince=2025-07-15T00:00:00Z&asOf=2025-09-15T00:00:00Z";

    @LocalServerPort
    int port;
    @Autowired
    ServingReadModel serving;
    @Autowired
    FigureQueries queries;
    @Autowired
    io.pipeline.forecast.inspection.DealNames names;
    @Autowired
    FiscalCalendar calendar;

    @Test
    void inspectionOfAFullQuarter() {
        DealIndex index = await().atMost(Duration.ofSeconds(60)).until(serving::index, Optional::isPresent)
                .orElseThrow();
        List<DealEvent> batch = new ArrayList<>();
        new DealGenerator("I", "emea", Instant.parse("2025-01-01T00:00:00Z"), 1).generate(0, DEALS, EVENTS_PER_DEAL,
                g -> {
                    batch.add(DealEvents.of(g.event(), new EventMeta(g.eventId(), g.sequence(),
                            g.event().getClass().getSimpleName())));
                    if (batch.size() == 10_000) {
                        index.addAll(List.copyOf(batch));
                        batch.clear();
                    }
                });
        index.addAll(List.copyOf(batch));
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long dealsOfThePeriod = dealsOfThePeriod(http, "org");

        double[] cheapest = time(http, "/api/forecast/org");
        double[] byAmount = time(http, "/api/forecast/inspection?" + PERIOD + "&sort=amount,desc");
        double[] pushedByCloseDate = time(http, "/api/forecast/inspection?" + PERIOD
                + "&kind=PUSHED_OUT&sort=closeDate,asc&page=3");
        double[] csv = time(http, "/api/forecast/csv/inspection?" + PERIOD);
        // every other scope level: the generator's one region (every deal), a team, a rep, a segment
        StringBuilder scopes = new StringBuilder();
        for (String scope : SCOPES) {
            long deals = dealsOfThePeriod(http, scope);
            double[] times = time(http, "/api/forecast/inspection?" + PERIOD.replace("scope=org", "scope=" + scope)
                    + "&sort=amount,desc");
            scopes.append(String.format(Locale.ROOT, "  inspection, scope=%-16s %,9d deals   p50 %.1f ms  p95 %.1f ms%n",
                    scope + ",", deals, ForecastBenchmark.percentile(times, 50), ForecastBenchmark.percentile(times, 95)));
        }
        // in-process, without HTTP and JSON: the inspection beside an as-of figure over the same candidate deals
        Period quarter = calendar.parse("period", "FY2025-Q3");
        Instant since = Instant.parse("2025-07-15T00:00:00Z");
        Instant asOf = Instant.parse("2025-09-15T00:00:00Z");
        double[] inProcess = ForecastBenchmark.time(() -> queries.inspection(quarter, Scope.ORG, asOf,
                new InspectionQuery(since, Set.of(), InspectionSort.DEFAULT, 0, 50), names));
        double[] asOfTotals = ForecastBenchmark.time(() -> queries.categoryTotals(quarter, Scope.ORG, asOf));
        String summary = String.format(Locale.ROOT, """
                inspection benchmark: %,d deals x %d events in the index, %,d deals of FY2025-Q3 (changedSince Jul 15, asOf Sep 15)
                  cheapest authenticated GET (/api/forecast/org)   p50 %.1f ms  p95 %.1f ms
                  inspection, sort=amount,desc, page 0 of 50        p50 %.1f ms  p95 %.1f ms
                  inspection, kind=PUSHED_OUT, closeDate, page 3    p50 %.1f ms  p95 %.1f ms
                  inspection CSV, page 0 of 50                      p50 %.1f ms  p95 %.1f ms
                %s  in-process inspection (FigureQueries)             p50 %.1f ms  p95 %.1f ms
                  in-process as-of category totals, same deals      p50 %.1f ms  p95 %.1f ms
                  load average (1 min) before %.1f, after %.1f (2 cores shared with other builds)
                """, index.eventCount() / EVENTS_PER_DEAL, EVENTS_PER_DEAL, dealsOfThePeriod,
                ForecastBenchmark.percentile(cheapest, 50), ForecastBenchmark.percentile(cheapest, 95), ForecastBenchmark.percentile(byAmount, 50), ForecastBenchmark.percentile(byAmount, 95),
                ForecastBenchmark.percentile(pushedByCloseDate, 50), ForecastBenchmark.percentile(pushedByCloseDate, 95), ForecastBenchmark.percentile(csv, 50),
                ForecastBenchmark.percentile(csv, 95), scopes, ForecastBenchmark.percentile(inProcess, 50),
                ForecastBenchmark.percentile(inProcess, 95), ForecastBenchmark.percentile(asOfTotals, 50),
                ForecastBenchmark.percentile(asOfTotals, 95), loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(summary);
    }

    /** How many deals the inspection of the benchmark's period has in the scope (its rows without a filter). */
    private static long dealsOfThePeriod(HttpJson http, String scope) {
        var first = http.get("/api/forecast/inspection?" + PERIOD.replace("scope=org", "scope=" + scope));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        return first.json().get("totalItems").asLong();
    }

    private static double[] time(HttpJson http, String path) {
        assertThat(http.get(path).status()).isEqualTo(200);
        return ForecastBenchmark.time(() -> http.get(path));
    }
}
