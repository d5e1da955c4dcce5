package io.pipeline.opportunity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.opportunity.HttpTestBase;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.bench.RawLimits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Creates, then updates of existing deals, over real HTTP from several client threads, beside the raw PostgreSQL
 * single-row durable commit rate measured in the same run with as many clients. Not a timed test: it prints.
 * Run: {@code ./mvnw -o -pl opportunity-service verify -Dgroups=benchmark -DexcludedGroups=none}
 */
@Tag("benchmark")
class OpportunityCommandsBenchmark extends HttpTestBase {

    static final int THREADS = Integer.getInteger("bench.threads", 8);
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 30));
    static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));

    static final String ADMIN_TOKEN = io.pipeline.testsupport.TestTokens.admin();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What client thread {@code thread} does for the {@code n}th time (counted across runs); returns the status. */
    @FunctionalInterface
    interface Step {
        int run(int thread, long n) throws IOException, InterruptedException;
    }

    /** Per thread, how many steps it took so far; each thread touches only its own slot. */
    final Map<Step, long[]> taken = new java.util.IdentityHashMap<>();

    @Test
    void createsAndUpdatesPerSecondBesideTheRawPostgresCommitRate() throws Exception {
        List<List<String>> dealsByThread = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            dealsByThread.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        Step create = (thread, n) -> {
            String id = "bench-" + thread + "-" + n;
            int status = send("POST", "/api/opportunities", HttpJson.toJson(validRequest(id)));
            if (status == 201) {
                dealsByThread.get(thread).add(id);
            }
            return status;
        };
        // Each thread changes its own deals round-robin, each pass to a new date, so every update records an event.
        Step update = (thread, n) -> {
            List<String> mine = dealsByThread.get(thread);
            String id = mine.get((int) (n % mine.size()));
            LocalDate date = LocalDate.parse("2027-01-01").plusDays(n / mine.size() + 1);
            return send("PUT", "/api/opportunities/" + id + "/close-date",
                    HttpJson.toJson(Map.of("closeDate", date.toString())));
        };

        // The cheapest authenticated request the service answers (one primary-key read of the read model): the
        // ceiling of HTTP, token and JSON handling on this machine, beside which the commands are judged.
        Step read = (thread, n) -> {
            List<String> mine = dealsByThread.get(thread);
            return send("GET", "/api/opportunities/" + mine.get((int) (n % mine.size())), null);
        };

        run("create warm-up", create, WARM_UP, 201);
        double creates = run("creates", create, PHASE, 201);
        run("update warm-up", update, WARM_UP, 200);
        double updates = run("updates", update, PHASE, 200);
        run("read warm-up", read, WARM_UP, 200);
        double reads = run("reads", read, PHASE, 200);
        double raw = RawLimits.postgresSingleRowCommitsPerSecond(PipelineInfrastructure.shared().newDatabase("bench"),
                THREADS, PHASE);

        String summary = String.format("""

                ==== opportunity-service command benchmark ====
                client threads: %d over real HTTP (keep-alive); %d s per phase after %d s of warm-up
                creates/s  (POST /api/opportunities):                  %8.0f
                updates/s  (PUT /api/opportunities/{id}/close-date):   %8.0f
                reads/s    (GET /api/opportunities/{id}, one-row read): %8.0f
                raw PostgreSQL single-row durable commits/s (%d clients, %d s): %8.0f
                creates / raw PostgreSQL:  %5.1f %%   (target >= 50 %%)
                updates / creates:         %5.1f %%   (target >= 90 %%)
                creates / reads:           %5.1f %%   (a command against the cheapest authenticated request)
                ===============================================
                """, THREADS, PHASE.toSeconds(), WARM_UP.toSeconds(), creates, updates, reads, THREADS, PHASE.toSeconds(), raw,
                100 * creates / raw, 100 * updates / creates, 100 * creates / reads);
        System.out.println(summary);
        Files.writeString(Path.of("target", "opportunity-commands-benchmark.txt"), summary);
        assertThat(creates).isPositive();
        assertThat(updates).isPositive();
    }

    /** Runs {@code step} from every thread until the time is up; answers completed requests per second. */
    private double run(String phase, Step step, Duration duration, int expectedStatus) throws Exception {
        // The phase is also written to a file as it starts: the test output is only flushed at the end, and a
        // profiler attached from outside (see benchmarks/README.md) needs to know when the measured phase begins.
        String started = String.format("benchmark phase \"%s\" started, %d s%n", phase, duration.toSeconds());
        System.out.print(started);
        Files.writeString(Path.of("target", "benchmark-phase.txt"), started);
        LongAdder done = new LongAdder();
        LongAdder unexpected = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                long[] counts = taken.computeIfAbsent(step, s -> new long[THREADS]);
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        if (step.run(thread, counts[thread]++) == expectedStatus) {
                            done.increment();
                        } else {
                            unexpected.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected.sum()).as("requests answered with another status").isZero();
        return done.sum() / (duration.toNanos() / 1e9);
    }

    private int send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
