package io.pipeline.lead.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.RequestBodies;
import io.pipeline.testsupport.bench.RawLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lead commands per second through the service's HTTP API, beside the raw PostgreSQL single-row durable commit rate
 * measured in the same run. Each client thread walks its own leads through the whole funnel (capture, nurture,
 * mark-mql, qualify, accept, convert): one create and five updates of an event-sourced aggregate per lead, while
 * the read-model projection and the Kafka relay run in the same JVM. Run it with
 * {@code ./mvnw -o -pl lead-service verify -Dgroups=benchmark -DexcludedGroups=none}; the summary lands in
 * {@code lead-service/target/lead-commands-benchmark.txt}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "leadbench")
class LeadCommandsBenchmark {

    private static final int THREADS = 8;
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 30));
    private static final Duration MEASURED = Duration.ofSeconds(20);
    private static final Duration RAW_PROBE = Duration.ofSeconds(10);
    private static final List<String> FUNNEL = List.of("nurture", "mark-mql", "qualify", "accept", "convert");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private record Run(long commands, long failures, long leads, double seconds, long[] latenciesMicros) {
        double perSecond() {
            return commands / seconds;
        }

        long percentileMicros(double p) {
            return latenciesMicros.length == 0 ? 0 : latenciesMicros[(int) Math.min(latenciesMicros.length - 1,
                    Math.floor(p * latenciesMicros.length))];
        }
    }

    @Test
    void leadCommandsPerSecondBesideRawPostgresCommits() throws Exception {
        drive("warm", WARM_UP);
        Run run = drive("bench", MEASURED);
        long projectionStart = System.nanoTime();
        await().atMost(Duration.ofMinutes(2)).until(() -> jdbc.queryForObject(
                "select count(*) from lead_view where lead_id like 'bench-%' and state = 'CONVERTED'", Long.class)
                >= run.leads() - THREADS);
        double projectionLagSeconds = (System.nanoTime() - projectionStart) / 1e9;
        double rawCommits = RawLimits.postgresSingleRowCommitsPerSecond(
                PipelineInfrastructure.shared().newDatabase("bench"), THREADS, RAW_PROBE);

        String summary = String.format("""

                ==================== lead-service benchmark ====================
                infrastructure            : %s (PostgreSQL + Kafka, loopback, %d cores)
                HTTP lead commands        : %,.0f commands/s  (%d client threads, %ds measured after %ds warm-up)
                  commands / failures     : %,d / %,d  (%,d leads walked capture -> convert, 6 commands each)
                  latency p50 / p99       : %.1f ms / %.1f ms
                read model after the run  : caught up %.1f s after the last command
                raw PostgreSQL commits    : %,.0f single-row durable commits/s  (%d clients, %ds)
                ratio                     : %.2f lead commands per raw commit
                ================================================================
                %n""",
                PipelineInfrastructure.shared().kind(), Runtime.getRuntime().availableProcessors(), run.perSecond(),
                THREADS, MEASURED.toSeconds(), WARM_UP.toSeconds(), run.commands(), run.failures(), run.leads(),
                run.percentileMicros(0.5) / 1000.0, run.percentileMicros(0.99) / 1000.0, projectionLagSeconds,
                rawCommits, THREADS, RAW_PROBE.toSeconds(), run.perSecond() / rawCommits);
        // Surefire redirects a test's output to its report file; the summary also goes where one finds it.
        System.out.print(summary);
        Files.writeString(Path.of("target", "lead-commands-benchmark.txt"), summary);

        assertThat(run.failures()).isZero();
    }

    private Run drive(String prefix, Duration duration) throws Exception {
        LongAdder commands = new LongAdder();
        LongAdder failures = new LongAdder();
        LongAdder leads = new LongAdder();
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<Long>>> clients = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                clients.add(pool.submit(() -> {
                    HttpJson http = new HttpJson("http://127.0.0.1:" + port, io.pipeline.testsupport.TestTokens.admin());
                    List<Long> latencies = new ArrayList<>();
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        String leadId = prefix + "-" + thread + "-" + n;
                        if (!timed(latencies, commands, failures, () -> http.post("/api/leads", capture(leadId)))) {
                            continue;
                        }
                        for (String action : FUNNEL) {
                            if (System.nanoTime() >= deadline) {
                                break;
                            }
                            timed(latencies, commands, failures,
                                    () -> http.post("/api/leads/" + leadId + "/" + action, body(action)));
                        }
                        leads.increment();
                    }
                    return latencies;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> client : clients) {
                all.addAll(client.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return new Run(commands.sum(), failures.sum(), leads.sum(), seconds, sorted);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean timed(List<Long> latencies, LongAdder commands, LongAdder failures,
                                 java.util.function.Supplier<HttpJson.Response> call) {
        long began = System.nanoTime();
        HttpJson.Response response = call.get();
        latencies.add((System.nanoTime() - began) / 1000);
        boolean ok = response.status() < 300;
        (ok ? commands : failures).increment();
        return ok;
    }

    private static Map<String, Object> capture(String leadId) {
        Map<String, Object> body = RequestBodies.captureLead(leadId, "sdr-bench");
        body.put("segment", "SMB");
        return body;
    }

    private static Object body(String action) {
        return switch (action) {
            case "qualify" -> Map.of("bant", Map.of("budget", "10k", "authority", "owner", "need", "crm",
                    "timing", "now"));
            case "accept" -> Map.of("aeId", "ae-bench");
            case "convert" -> Map.of("accountId", "acc-bench", "accountName", "Bench Co", "opportunityName",
                    "Bench deal", "amount", "1000.00", "currency", "EUR", "closeDate", "2026-12-31");
            default -> Map.of();
        };
    }
}
