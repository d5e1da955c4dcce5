package io.pipeline.forecast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.contract.OpportunityEvent;
import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.CloseRates;
import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DurationStats;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.LeadFunnel;
import io.pipeline.forecast.figures.LeadStep;
import io.pipeline.forecast.figures.Measure;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.figures.Slippage;
import io.pipeline.forecast.figures.StageVelocity;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.projection.DealEvents;
import io.pipeline.forecast.projection.EventMeta;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import io.pipeline.testsupport.bench.RawLimits;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every figure at every scope, "now" and as of mid-quarter, over forecast-service's real HTTP with a bearer token,
 * on a generated history of deals and their leads held by the serving index (appended to it directly, as the
 * consumer does after a batch: this benchmark is about the queries, {@link ForecastBenchmark} about ingestion),
 * beside the raw limits of the same run (the cheapest authenticated GET, Kafka consume) and the heap the index
 * takes. Then the BI team's peer: the same events loaded into DuckDB and five figures computed in SQL written from
 * DOMAIN.md's definitions (and the README's choices where it is silent), timed beside ours and asserted equal.
 *
 * <p>Size: {@code -Dbench.deals} (default 100,000) x {@code -Dbench.eventsPerDeal} (20; a deal closing early has
 * fewer), {@code -Dbench.leads} (default deals / 2, 5 events at most each, most converting into a deal);
 * {@code -Dbench.httpRuns} timed requests per figure, scope and instant (default 12, after 2 untimed);
 * {@code -Dbench.duckdbMemory} (default 4GB); {@code -Dbench.figures=waterfall,close-rates} (figure paths) times
 * only those, {@code -Dbench.peer=false} skips the DuckDB peer's queries. 20M events: {@code -Dbench.deals=1000000 -Dbench.heap=12g}.
 * <pre>
 * ./mvnw -o -pl forecast-service -am verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=EveryFigureBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbench.deals=1000000 -Dbench.heap=12g
 * </pre>
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.forecast.consumer-group=forecast-every-figure-bench-${random.uuid}",
                // the generated history is in 2025: warming today's periods would only compete for the cores
                "pipeline.forecast.warm-current-periods=false"})
@RealInfrastructure(database = "forecast")
class EveryFigureBenchmark {

    static final int DEALS = Integer.getInteger("bench.deals", 100_000);
    static final int EVENTS_PER_DEAL = Integer.getInteger("bench.eventsPerDeal", 20);
    static final int LEADS = Integer.getInteger("bench.leads", DEALS / 2);
    static final int HTTP_RUNS = Integer.getInteger("bench.httpRuns", 12);
    /** {@code -Dbench.httpTable=false} leaves the table out (to try the DuckDB part alone). */
    static final boolean HTTP_TABLE = Boolean.parseBoolean(System.getProperty("bench.httpTable", "true"));
    /**
     * {@code -Dbench.figures=waterfall,weighted-forecast} times only the figures of those paths (a figure's work
     * measured again in minutes, not the whole table's tens of minutes); empty (the default) times every figure.
     */
    static final List<String> FIGURE_PATHS = java.util.Arrays.stream(System.getProperty("bench.figures", "")
            .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    /** {@code -Dbench.peer=false} leaves the DuckDB peer's queries out (its rows are still loaded). */
    static final boolean PEER = Boolean.parseBoolean(System.getProperty("bench.peer", "true"));
    static final String DUCKDB_MEMORY = System.getProperty("bench.duckdbMemory", "4GB");
    static final Instant FIRST_OPEN = Instant.parse("2025-01-01T00:00:00Z");
    static final String PERIOD = "FY2025-Q3";
    static final Instant MID_QUARTER = Instant.parse("2025-08-15T12:00:00Z");
    static final String REGION = "emea";

    @LocalServerPort
    int port;
    @Autowired
    ServingReadModel serving;
    @Autowired
    FigureQueries queries;
    @Autowired
    FiscalCalendar calendar;

    /** One figure's request: its path and what its "now" and as-of forms add to the period and scope. */
    record Figure(String name, String path, String nowParameters, String asOfParameters) {
    }

    static final List<Figure> FIGURES = List.of(
            new Figure("category totals", "category-totals", "", "&asOf=" + MID_QUARTER),
            new Figure("coverage", "coverage", "", "&asOf=" + MID_QUARTER),
            new Figure("close and win rates", "close-rates", "", "&asOf=" + MID_QUARTER),
            new Figure("slippage", "slippage", "", "&asOf=" + MID_QUARTER),
            new Figure("velocity", "velocity", "", "&asOf=" + MID_QUARTER),
            new Figure("pipeline created", "pipeline-created", "", "&asOf=" + MID_QUARTER),
            new Figure("waterfall", "waterfall", "&from=2025-07-01", "&from=2025-07-01&asOf=" + MID_QUARTER),
            new Figure("weighted forecast", "weighted-forecast", "", "&asOf=" + MID_QUARTER),
            new Figure("forecast calls", "calls", "", "&asOf=" + MID_QUARTER),
            new Figure("lead funnel", "lead-funnel", "", "&asOf=" + MID_QUARTER),
            new Figure("inspection (page 0 of 50)", "inspection", "&changedSince=2025-07-15T00:00:00Z",
                    "&changedSince=2025-07-15T00:00:00Z&asOf=" + MID_QUARTER));

    @Test
    void everyFigureAtEveryScopeOverHttpBesideDuckDb() throws Exception {
        StringBuilder out = new StringBuilder();
        int printed = 0;
        String bootstrap = PipelineInfrastructure.shared().kafkaBootstrapServers();
        double rawProduce = RawLimits.kafkaProducePerSecond(bootstrap, 1_000_000, 600);
        double rawConsume = RawLimits.kafkaConsumePerSecond(bootstrap, 1_000_000);
        String loadAtStart = loadAverage();

        DealIndex index = await().atMost(Duration.ofSeconds(120)).until(serving::index, Optional::isPresent)
                .orElseThrow();
        Path duckFile = Path.of("target", "every-figure-peer.duckdb");
        Files.deleteIfExists(duckFile);
        Files.deleteIfExists(Path.of(duckFile + ".wal"));
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + duckFile)) {
            try (Statement s = duck.createStatement()) {
                s.execute("set memory_limit = '" + DUCKDB_MEMORY + "'");
                s.execute("set threads = 2");
                s.execute("set preserve_insertion_order = false");
                s.execute("""
                        create table deal_event (deal varchar, seq bigint, occurred bigint, kind varchar, owner varchar,
                            team varchar, region varchar, segment varchar, amount decimal(18, 2), currency varchar,
                            close_date date, stage varchar, category varchar, status varchar, qualified boolean,
                            lost_reason varchar)""");
                s.execute("""
                        create table lead_event (lead varchar, seq bigint, occurred bigint, state varchar, owner varchar,
                            team varchar, region varchar, segment varchar, opportunity varchar)""");
            }
            long heapBefore = usedHeapAfterGc();
            long loadStart = System.nanoTime();
            long dealEvents = loadDeals(index, (DuckDBConnection) duck);
            long leadEvents = loadLeads(index, (DuckDBConnection) duck);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long heapAfter = usedHeapAfterGc();
            String loadAfterLoad = loadAverage();
            out.append(String.format(Locale.ROOT, """

                    ================ every figure x scope over HTTP (EveryFigureBenchmark) ================
                    size                 %,d deals, %,d deal events + %,d leads, %,d lead events = %,d events
                    load                 %.1f s into the index and DuckDB (appended directly, not through Kafka)
                    heap (after GC)      index %,d MB (%,.0f bytes/event), max heap %,d MB
                    raw Kafka            produce %,.0f records/s (600 B), consume %,.0f records/s
                    load average         %s at start, %s after loading
                    """, index.dealCount(), dealEvents, index.leads().leadCount(), leadEvents,
                    dealEvents + leadEvents, loadSeconds, (heapAfter - heapBefore) >> 20,
                    (heapAfter - heapBefore) / (double) (dealEvents + leadEvents),
                    Runtime.getRuntime().maxMemory() >> 20, rawProduce, rawConsume, loadAtStart, loadAfterLoad));

            HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
            Period quarter = calendar.parse("period", PERIOD);
            // the first org query of the quarter starts its running figures (not a current period: not warmed)
            long firstStart = System.nanoTime();
            assertThat(http.get("/api/forecast/coverage?period=" + PERIOD).status()).isEqualTo(200);
            double firstMillis = (System.nanoTime() - firstStart) / 1e6;
            long heapKept = usedHeapAfterGc();

            // the peer first: it is quicker than the table, and a run cut short still has it
            if (PEER) {
                out.append(duckDbPeer(duck, quarter));
            }
            System.out.print(out);
            printed = out.length();
            Files.writeString(Path.of("target", "every-figure-benchmark.txt"), out.toString());
            double[] cheapest = time(() -> http.get("/api/forecast/org"));
            String team = "team-" + ("rep-17".hashCode() & 0x1f);
            List<String> scopes = List.of("org", "region:" + REGION, "team:" + team, "rep:rep-17", "segment:SMB");
            out.append(String.format(Locale.ROOT, """
                    first org query      %,.0f ms (starts the quarter's running figures: %,d MB kept)
                    cheapest GET         /api/forecast/org p50 %.1f ms  p95 %.1f ms (authenticated, same run)
                    %s, as-of %s, %d timed requests each (p50 / p95 ms; targets p95 50 now, 500 as-of, inspection 100)
                    %-26s""", firstMillis, (heapKept - heapAfter) >> 20, percentile(cheapest, 50),
                    percentile(cheapest, 95), PERIOD, MID_QUARTER, HTTP_RUNS, "figure"));
            for (String scope : scopes) {
                out.append(String.format(Locale.ROOT, "| %-27s", scope));
            }
            out.append('\n');
            List<String> misses = new ArrayList<>();
            List<Figure> timed = FIGURES.stream()
                    .filter(f -> HTTP_TABLE && (FIGURE_PATHS.isEmpty() || FIGURE_PATHS.contains(f.path()))).toList();
            for (Figure figure : timed) {
                for (boolean asOf : List.of(false, true)) {
                    out.append(String.format(Locale.ROOT, "%-26s", figure.name() + (asOf ? " as-of" : " now")));
                    for (String scope : scopes) {
                        if (figure.path().equals("calls") && scope.startsWith("segment:")) {
                            out.append(String.format(Locale.ROOT, "| %-27s", "n/a (no segment calls)"));
                            continue;
                        }
                        String path = "/api/forecast/" + figure.path() + "?period=" + PERIOD + "&scope=" + scope
                                + (asOf ? figure.asOfParameters() : figure.nowParameters());
                        HttpJson.Response first = http.get(path);
                        assertThat(first.status()).as(path + " " + first.body()).isEqualTo(200);
                        double[] millis = time(() -> http.get(path));
                        double p95 = percentile(millis, 95);
                        double target = figure.path().equals("inspection") ? 100 : asOf ? 500 : 50;
                        if (p95 > target) {
                            misses.add(figure.name() + (asOf ? " as-of " : " now ") + scope);
                        }
                        out.append(String.format(Locale.ROOT, "| %8.1f / %8.1f%s       ", percentile(millis, 50),
                                p95, p95 > target ? "*" : " "));
                    }
                    out.append('\n');
                }
                System.out.print(out.substring(printed));
                printed = out.length();
            }
            out.append(String.format(Locale.ROOT, "* = over target (%d of %d): %s%nload average after HTTP   %s%n",
                    misses.size(), timed.size() * 2 * scopes.size(), misses, loadAverage()));
        }
        out.append("========================================================================================\n");
        System.out.print(out.substring(printed));
        Files.writeString(Path.of("target", "every-figure-benchmark.txt"), out.toString());
    }

    private long loadDeals(DealIndex index, DuckDBConnection duck) throws SQLException {
        long[] count = {0};
        List<DealEvent> batch = new ArrayList<>();
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "deal_event")) {
            new DealGenerator("D", REGION, FIRST_OPEN, 1).generate(0, DEALS, EVENTS_PER_DEAL, g -> {
                batch.add(DealEvents.of(g.event(), new EventMeta(g.eventId(), g.sequence(),
                        g.event().getClass().getSimpleName())));
                append(appender, g);
                count[0]++;
                if (batch.size() == 10_000) {
                    index.addAll(List.copyOf(batch));
                    batch.clear();
                }
            });
        }
        index.addAll(List.copyOf(batch));
        return count[0];
    }

    /** The public event as a BI export row: the deal's state after it, its kind and business time. */
    private static void append(DuckDBAppender appender, DealGenerator.Generated g) {
        OpportunityEvent event = g.event();
        OpportunityEvent.Deal d = event.deal();
        try {
            appender.beginRow().append(d.opportunityId()).append(g.sequence())
                    .append(event.occurredAt().getEpochSecond() * 1_000_000 + event.occurredAt().getNano() / 1_000)
                    .append(event.getClass().getSimpleName()).append(d.ownerId()).append(d.teamId())
                    .append(d.regionId()).append(d.segment()).append(d.amount()).append(d.currency())
                    .append(d.closeDate()).append(d.stage()).append(d.forecastCategory()).append(d.status())
                    .append(d.qualified())
                    .append(event instanceof OpportunityEvent.DealClosedLost lost ? lost.reason() : null)
                    .endRow();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Leads captured across 2025, each moving up the funnel (Captured, MQL, SQL, SAL, Converted) until it stops;
     * a converted lead names one of the generated deals.
     */
    private long loadLeads(DealIndex index, DuckDBConnection duck) throws SQLException {
        String[] states = {"CAPTURED", "MQL", "SQL", "SAL", "CONVERTED"};
        Random random = new Random(29);
        long count = 0;
        List<LeadStep> batch = new ArrayList<>();
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "lead_event")) {
            for (int lead = 0; lead < LEADS; lead++) {
                String rep = "rep-" + random.nextInt(200);
                String team = "team-" + (rep.hashCode() & 0x1f);
                String segment = DealGenerator.SEGMENTS[random.nextInt(DealGenerator.SEGMENTS.length)];
                Instant at = FIRST_OPEN.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
                int reach = random.nextInt(10) < 6 ? 4 : random.nextInt(4);
                for (int sequence = 0; sequence <= reach; sequence++) {
                    String opportunity = sequence == 4 ? "D-" + random.nextInt(DEALS) : null;
                    LeadStep step = new LeadStep("L-" + lead, sequence, at, states[sequence], rep, team, REGION,
                            segment, opportunity);
                    batch.add(step);
                    appender.beginRow().append(step.leadId()).append(step.sequence())
                            .append(at.getEpochSecond() * 1_000_000).append(step.state()).append(rep).append(team)
                            .append(REGION).append(segment).append(opportunity).endRow();
                    count++;
                    at = at.plus(Duration.ofHours(1 + random.nextInt(20 * 24)));
                }
                if (batch.size() >= 10_000) {
                    index.leads().addAll(List.copyOf(batch));
                    batch.clear();
                }
            }
        }
        index.leads().addAll(List.copyOf(batch));
        return count;
    }

    /**
     * Five figures of FY2025-Q3 at org scope (close rate per team), as of mid-quarter, in DuckDB SQL over the
     * same events, each beside ours (in-process, the same call the HTTP answer makes) and asserted equal.
     */
    private String duckDbPeer(Connection duck, Period quarter) throws SQLException {
        long t = MID_QUARTER.getEpochSecond() * 1_000_000;
        long start = quarter.start().atStartOfDay().toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000;
        long end = quarter.end().atStartOfDay().toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "DuckDB peer (same events, SQL from DOMAIN.md; %s, 2 threads), %s as of %s: DuckDB p50 vs ours p50"
                        + " (in-process / HTTP), ms%n", DUCKDB_MEMORY, PERIOD, MID_QUARTER));
        Scope org = Scope.ORG;
        HttpJson http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
        String asOf = "&asOf=" + MID_QUARTER;

        // 1. category totals as of t
        String totalsSql = """
                with state_at_t as (select * from deal_event where occurred <= ?
                              qualify row_number() over (partition by deal order by seq desc) = 1)
                select category, sum(amount), count(*) from state_at_t
                where status = 'OPEN' and close_date >= cast(? as date) and close_date < cast(? as date)
                  and category in ('PIPELINE', 'BEST_CASE', 'COMMIT') group by category
                union all
                select 'CLOSED_WON', sum(amount), count(*) from state_at_t
                where status = 'WON' and close_date >= cast(? as date) and close_date < cast(? as date)""";
        Map<String, Measure> sqlTotals = new TreeMap<>();
        double duckTotals = timeSql(() -> {
            sqlTotals.clear();
            query(duck, totalsSql, rs -> sqlTotals.put(rs.getString(1), measure(rs.getBigDecimal(2), rs.getLong(3))),
                    t, quarter.start(), quarter.end(), quarter.start(), quarter.end());
        });
        CategoryTotals ours = queries.categoryTotals(quarter, org, MID_QUARTER);
        Map<String, Measure> ourTotals = new TreeMap<>();
        ours.totals().forEach(total -> ourTotals.put(total.category(), measure(total.amount(), total.count())));
        sqlTotals.keySet().forEach(k -> assertThat(ourTotals).containsKey(k));
        ourTotals.forEach((k, v) -> assertThat(sqlTotals.getOrDefault(k, Measure.ZERO)).as("totals " + k)
                .isEqualTo(v));
        out.append(peerLine("as-of category totals", duckTotals,
                time(() -> queries.categoryTotals(quarter, org, MID_QUARTER)),
                time(() -> http.get("/api/forecast/category-totals?period=" + PERIOD + asOf)),
                "equal: " + ourTotals));

        // 2. close rate by team: qualified deals whose close date as of t is in P, won / (won + every loss)
        String closeRateSql = """
                with state_at_t as (select * from deal_event where occurred <= ?
                              qualify row_number() over (partition by deal order by seq desc) = 1)
                select team, sum(amount) filter (where status = 'WON'), count(*) filter (where status = 'WON'),
                       sum(amount) filter (where status = 'LOST'), count(*) filter (where status = 'LOST')
                from state_at_t where qualified and close_date >= cast(? as date) and close_date < cast(? as date) and status in ('WON', 'LOST')
                group by team order by team""";
        Map<String, BigDecimal[]> sqlRates = new TreeMap<>();
        double duckRates = timeSql(() -> {
            sqlRates.clear();
            query(duck, closeRateSql, rs -> {
                BigDecimal won = orZero(rs.getBigDecimal(2));
                BigDecimal lost = orZero(rs.getBigDecimal(4));
                long wonCount = rs.getLong(3);
                long lostCount = rs.getLong(5);
                sqlRates.put(rs.getString(1), new BigDecimal[] {ratio(won, won.add(lost)),
                        ratio(BigDecimal.valueOf(wonCount), BigDecimal.valueOf(wonCount + lostCount))});
            }, t, quarter.start(), quarter.end());
        });
        List<String> teams = List.copyOf(sqlRates.keySet());
        Map<String, BigDecimal[]> ourRates = new TreeMap<>();
        for (CloseRates.TeamCloseRate team : queries.closeRates(quarter, org, MID_QUARTER).closeRateByTeam()) {
            ourRates.put(team.team(), new BigDecimal[] {team.closeRate().byAmount(), team.closeRate().byCount()});
        }
        assertThat(ourRates.keySet()).containsExactlyElementsOf(teams);
        for (String team : teams) {
            assertThat(ourRates.get(team)).as("close rate of " + team).containsExactly(sqlRates.get(team));
        }
        out.append(peerLine("close rate by team (" + teams.size() + ")", duckRates,
                time(() -> queries.closeRates(quarter, org, MID_QUARTER)),
                time(() -> http.get("/api/forecast/close-rates?period=" + PERIOD + asOf)),
                "equal for every team, e.g. " + teams.get(0) + " "
                        + java.util.Arrays.toString(sqlRates.get(teams.get(0)))));

        // 3. slippage: open with close date in P at some instant of P up to t (a state holds from its event to the
        // next one), and as of t a close date after P: once per deal, at the amount it had when it last stood in P
        String slippageSql = """
                with known as (select *, lead(occurred) over (partition by deal order by seq) as next_at
                               from deal_event where occurred <= ?),
                held as (select deal, seq, amount from known
                         where status = 'OPEN' and close_date >= cast(? as date) and close_date < cast(? as date)
                           and occurred < least(?, ? + 1) and coalesce(next_at, ? + 1) > ?
                           and coalesce(next_at, ? + 1) > occurred),
                last_held as (select deal, arg_max(amount, seq) as amount from held group by deal),
                state_at_t as (select deal, close_date from known
                         qualify row_number() over (partition by deal order by seq desc) = 1)
                select count(*), sum(l.amount) from last_held l join state_at_t a using (deal) where a.close_date >= cast(? as date)""";
        Measure[] sqlSlipped = new Measure[1];
        double duckSlippage = timeSql(() -> query(duck, slippageSql,
                rs -> sqlSlipped[0] = measure(rs.getBigDecimal(2), rs.getLong(1)), t, quarter.start(),
                quarter.end(), end, t, t, start, t, quarter.end()));
        Slippage ourSlippage = queries.slippage(quarter, org, MID_QUARTER);
        assertThat(measure(ourSlippage.slipped().amount(), ourSlippage.slipped().count())).isEqualTo(sqlSlipped[0]);
        out.append(peerLine("as-of slippage", duckSlippage, time(() -> queries.slippage(quarter, org, MID_QUARTER)),
                time(() -> http.get("/api/forecast/slippage?period=" + PERIOD + asOf)),
                "equal: " + sqlSlipped[0]));

        // 4. velocity: a visit to a stage runs from the open deal entering it to its leaving it (another stage or
        // closed); finished visits counted in the period their end falls in: count, mean, median, p90 (nearest rank)
        String velocitySql = """
                with known as (select deal, seq, occurred, case when status = 'OPEN' then stage end as in_stage
                               from deal_event where occurred <= ?),
                changes as (select * from (select *, lag(in_stage) over (partition by deal order by seq) as before,
                                                  row_number() over (partition by deal order by seq) as n
                                           from known)
                            where n = 1 or in_stage is distinct from before),
                visits as (select in_stage as stage,
                                  (lead(occurred) over (partition by deal order by seq) - occurred) // 1000000 as seconds,
                                  lead(occurred) over (partition by deal order by seq) as left_at
                           from changes),
                finished as (select stage, seconds from visits
                             where stage is not null and left_at >= ? and left_at < ?),
                ranked as (select stage, seconds, row_number() over (partition by stage order by seconds) as r,
                                  count(*) over (partition by stage) as n from finished)
                select stage, count(*), sum(seconds),
                       avg(seconds) filter (where r in ((n + 1) // 2, n // 2 + 1)) as median,
                       max(seconds) filter (where r = cast(ceil(0.9 * n) as bigint)) as p90
                from ranked group by stage order by stage""";
        Map<String, List<BigDecimal>> sqlVelocity = new TreeMap<>();
        double duckVelocity = timeSql(() -> {
            sqlVelocity.clear();
            query(duck, velocitySql, rs -> {
                long n = rs.getLong(2);
                BigDecimal mean = BigDecimal.valueOf(rs.getLong(3)).divide(BigDecimal.valueOf(n), 6,
                        RoundingMode.HALF_EVEN);
                sqlVelocity.put(rs.getString(1), List.of(BigDecimal.valueOf(n), days(mean),
                        days(rs.getBigDecimal(4)), days(rs.getBigDecimal(5))));
            }, t, start, end);
        });
        StageVelocity ourVelocity = queries.velocity(quarter, org, MID_QUARTER);
        Map<String, List<BigDecimal>> ourStages = new TreeMap<>();
        for (StageVelocity.StageTime stage : ourVelocity.stages()) {
            DurationStats d = stage.timeInStage();
            if (d.count() > 0) {
                ourStages.put(stage.stage(), List.of(BigDecimal.valueOf(d.count()), d.meanDays(), d.medianDays(),
                        d.p90Days()));
            }
        }
        assertThat(ourStages).isEqualTo(sqlVelocity);
        out.append(peerLine("as-of velocity", duckVelocity, time(() -> queries.velocity(quarter, org, MID_QUARTER)),
                time(() -> http.get("/api/forecast/velocity?period=" + PERIOD + asOf)),
                "equal (count, mean, median, p90 days): " + sqlVelocity));

        // 5. lead funnel: the leads whose first event (known at t) is in P; a stage is reached at the first event in
        // it or a later one; Won when the opportunity it converted into stands won at t
        String funnelSql = """
                with known as (select *, case state when 'MQL' then 1 when 'SQL' then 2 when 'SAL' then 3
                                                     when 'CONVERTED' then 4 else 0 end as rank
                               from lead_event where occurred <= ?),
                leads as (select lead, arg_min(occurred, seq) as first_at, max(rank) as reached,
                                 arg_max(opportunity, seq) filter (where opportunity is not null) as opportunity
                          from known group by lead),
                cohort as (select * from leads where first_at >= ? and first_at < ?),
                deals as (select deal, status from deal_event where occurred <= ?
                          qualify row_number() over (partition by deal order by seq desc) = 1)
                select count(*), count(*) filter (where reached >= 1), count(*) filter (where reached >= 2),
                       count(*) filter (where reached >= 3), count(*) filter (where reached >= 4),
                       count(*) filter (where reached >= 4 and d.status = 'WON')
                from cohort c left join deals d on d.deal = c.opportunity""";
        long[] sqlFunnel = new long[6];
        double duckFunnel = timeSql(() -> query(duck, funnelSql, rs -> {
            for (int i = 0; i < 6; i++) {
                sqlFunnel[i] = rs.getLong(i + 1);
            }
        }, t, start, end, t));
        LeadFunnel ourFunnel = queries.leadFunnel(quarter, org, MID_QUARTER);
        assertThat(ourFunnel.steps().stream().mapToLong(LeadFunnel.Step::reached).toArray()).containsExactly(sqlFunnel);
        out.append(peerLine("as-of lead funnel", duckFunnel, time(() -> queries.leadFunnel(quarter, org, MID_QUARTER)),
                time(() -> http.get("/api/forecast/lead-funnel?period=" + PERIOD + asOf)),
                "equal: " + java.util.Arrays.toString(sqlFunnel)));
        out.append("load average after DuckDB   ").append(loadAverage()).append('\n');
        return out.toString();
    }

    private static String peerLine(String figure, double duckMillis, double[] ours, double[] http, String same) {
        return String.format(Locale.ROOT, "  %-28s DuckDB %8.1f | ours %7.1f / %7.1f  (%s)%n", figure, duckMillis,
                percentile(ours, 50), percentile(http, 50), same.length() > 160 ? same.substring(0, 160) + "..." : same);
    }

    interface Rows {
        void row(ResultSet rs) throws SQLException;
    }

    interface SqlRun {
        void run() throws SQLException;
    }

    private static void query(Connection duck, String sql, Rows rows, Object... parameters) throws SQLException {
        try (PreparedStatement statement = duck.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                // dates as ISO strings, cast in the SQL: no time zone between the JVM and DuckDB
                statement.setObject(i + 1, parameters[i] instanceof LocalDate date ? date.toString() : parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        }
    }

    /** The median of 3 runs after one untimed (DuckDB's first run reads its columns from disk into its cache). */
    private static double timeSql(SqlRun run) throws SQLException {
        run.run();
        double[] millis = new double[3];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            run.run();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return percentile(millis, 50);
    }

    private static Measure measure(BigDecimal amount, long count) {
        return new Measure(orZero(amount).setScale(2, RoundingMode.UNNECESSARY), count);
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static BigDecimal ratio(BigDecimal numerator, BigDecimal divisor) {
        return divisor.signum() == 0 ? null : numerator.divide(divisor, 4, RoundingMode.HALF_EVEN);
    }

    /** Seconds as days to two decimals, as the figures give them. */
    private static BigDecimal days(BigDecimal seconds) {
        return seconds == null ? null : seconds.divide(BigDecimal.valueOf(86_400), 2, RoundingMode.HALF_EVEN);
    }

    private static double[] time(Supplier<?> query) {
        for (int i = 0; i < 2; i++) {
            query.get();
        }
        double[] millis = new double[HTTP_RUNS];
        for (int i = 0; i < HTTP_RUNS; i++) {
            long started = System.nanoTime();
            query.get();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        return millis;
    }

    static double percentile(double[] values, double p) {
        return ForecastBenchmark.percentile(values, p);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
