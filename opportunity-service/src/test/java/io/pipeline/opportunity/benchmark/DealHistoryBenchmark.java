package io.pipeline.opportunity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.HttpTestBase;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A deal's history over HTTP for a deal with 200 changes (the target: p95 100 ms), beside the cheapest
 * authenticated GET of the same run (the deal itself, one primary-key read).
 * <pre>
 * ./mvnw -o -pl opportunity-service verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=DealHistoryBenchmark
 * </pre>
 */
@Tag("benchmark")
class DealHistoryBenchmark extends HttpTestBase {

    static final int RUNS = Integer.getInteger("bench.queryRuns", 200);

    @Test
    void historyOfADealWithTwoHundredChanges() {
        String id = "bench-history";
        assertThat(http.post("/api/opportunities", validRequest(id)).status()).isEqualTo(201);
        for (int change = 1; change <= 200; change++) {
            var changed = change % 2 == 0
                    ? put("/api/opportunities/" + id + "/amount", Map.of("amount", String.valueOf(1000 + change)))
                    : put("/api/opportunities/" + id + "/close-date",
                    Map.of("closeDate", LocalDate.parse("2027-01-01").plusDays(change).toString()));
            assertThat(changed.status()).isEqualTo(200);
        }
        assertThat(http.get("/api/opportunities/" + id + "/history").json().get("totalItems").asLong()).isEqualTo(201);
        eventually().until(() -> http.get("/api/opportunities/" + id).status() == 200);

        double[] cheapest = time("/api/opportunities/" + id);
        double[] firstPage = time("/api/opportunities/" + id + "/history");
        double[] lastPage = time("/api/opportunities/" + id + "/history?page=4&size=50");
        double[] whole = time("/api/opportunities/" + id + "/history?size=500");
        System.out.printf(Locale.ROOT, """
                deal history benchmark: one deal with 200 changes (201 events), %d requests each
                  cheapest authenticated GET (/api/opportunities/{id})   p50 %.1f ms  p95 %.1f ms
                  history, page 0 of 50                                 p50 %.1f ms  p95 %.1f ms
                  history, page 4 of 50 (the last)                      p50 %.1f ms  p95 %.1f ms
                  history, all 201 events (size=500)                    p50 %.1f ms  p95 %.1f ms
                %n""", RUNS, percentile(cheapest, 50), percentile(cheapest, 95), percentile(firstPage, 50),
                percentile(firstPage, 95), percentile(lastPage, 50), percentile(lastPage, 95), percentile(whole, 50),
                percentile(whole, 95));
    }

    private double[] time(String path) {
        for (int i = 0; i < 50; i++) {
            assertThat(http.get(path).status()).isEqualTo(200);
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            http.get(path);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return millis;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
