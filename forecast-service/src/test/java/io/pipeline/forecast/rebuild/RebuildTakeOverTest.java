package io.pipeline.forecast.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pipeline.forecast.bench.DealGenerator;
import io.pipeline.forecast.bench.EventPublisher;
import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.Measure;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.figures.Slippage;
import io.pipeline.forecast.figures.StageVelocity;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.readmodel.ReadModel;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"pipeline.forecast.consumer-group=forecast-rebuild-test-${random.uuid}",
        "pipeline.forecast.rebuild.progress-interval=100ms", "pipeline.forecast.rebuild.copy-until-lag=0",
        "pipeline.forecast.rebuild.take-over-lag=0"})
@RealInfrastructure(database = "forecast")
class RebuildTakeOverTest {

    static final String REBUILD = "/api/forecast/admin/rebuild";
    static final int DEALS = 60;
    static final int EVENTS_PER_DEAL = 12;
    static final Instant AS_OF = Instant.parse("2026-06-30T00:00:00Z");

    final String region = "rebuild-" + UUID.randomUUID();
    final DealGenerator generator = new DealGenerator("RB-" + UUID.randomUUID(), region,
            Instant.parse("2025-01-01T00:00:00Z"), 5);

    @LocalServerPort
    int port;
    @Autowired
    FigureQueries queries;
    @Autowired
    RebuildService rebuild;
    @Autowired
    ServingReadModel serving;
    @Autowired
    FiscalCalendar calendar;
    @Autowired
    JdbcTemplate jdbc;

    /** What the test compares across versions, independent of the order deals are listed in. */
    record Figures(CategoryTotals totals, Measure slipped, Set<String> slippedDeals,
                   Map<String, StageVelocity.StageTime> stages) {
    }

    Figures figures(Period period) {
        Scope scope = Scope.parse("scope", "region:" + region);
        Slippage slippage = queries.slippage(period, scope, AS_OF);
        return new Figures(queries.categoryTotals(period, scope, AS_OF), slippage.slipped(),
                slippage.deals().stream().map(Slippage.SlippedDeal::opportunityId).collect(Collectors.toSet()),
                queries.velocity(period, scope, AS_OF).stages().stream()
                        .collect(Collectors.toMap(StageVelocity.StageTime::stage, s -> s)));
    }

    long storedEvents(ReadModel model, String where, Object value) {
        return jdbc.queryForObject("select count(*) from " + model.table("opportunity_event") + " where " + where
                + " = ?", Long.class, value);
    }

    @Test
    void aRebuiltVersionServesTheSameFiguresAsTheOldOneAndServingNeverStops() throws Exception {
        AtomicInteger published = new AtomicInteger();
        Map<String, Long> lastSequences = new ConcurrentHashMap<>();
        try (EventPublisher publisher = new EventPublisher(PipelineInfrastructure.shared().kafkaBootstrapServers())) {
            generator.generate(0, DEALS, EVENTS_PER_DEAL, g -> {
                publisher.send(g);
                published.incrementAndGet();
                lastSequences.merge(g.event().subject(), g.sequence(), Math::max);
            });
        }
        ReadModel old = serving.model();
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents(old, "region_id", region) == published.get());
        // the figures come from the index, which takes a batch after it is stored: "before" must see every event
        await().atMost(Duration.ofSeconds(30)).until(() -> lastSequences.entrySet().stream()
                .allMatch(last -> serving.index().orElseThrow().contains(last.getKey(), last.getValue())));
        Period quarter = calendar.quarterOf(LocalDate.parse("2025-08-15"));
        Figures before = figures(quarter);
        assertThat(before.totals().totals()).anyMatch(t -> t.count() > 0);

        List<String> servedWrong = new CopyOnWriteArrayList<>();
        AtomicInteger served = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!rebuild.progress().phase().equals(RebuildProgress.Phase.DONE)
                    && !rebuild.progress().phase().equals(RebuildProgress.Phase.FAILED)) {
                try {
                    Figures now = figures(quarter);
                    if (!now.equals(before)) {
                        servedWrong.add(now.toString());
                    }
                    served.incrementAndGet();
                } catch (RuntimeException e) {
                    servedWrong.add(e.toString());
                }
            }
        });
        HttpJson anonymous = new HttpJson("http://127.0.0.1:" + port);
        HttpJson admin = anonymous.as(TestTokens.admin("rebuild-admin").token());
        assertThat(anonymous.as(TestTokens.revops("rebuild-revops").token()).post(REBUILD, Map.of()).status())
                .isEqualTo(403);
        HttpJson.Response started = admin.post(REBUILD, Map.of());
        reader.start();
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("phase").asString()).isEqualTo("COPYING");
        HttpJson.Response again = admin.post(REBUILD, Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(60)).until(() -> !rebuild.progress().phase().running());
        reader.join();

        RebuildProgress done = rebuild.progress();
        var shown = admin.get(REBUILD).json();
        assertThat(shown.get("phase").asString()).isEqualTo("DONE");
        assertThat(shown.get("lag").asLong()).isZero();
        assertThat(shown.get("version").asInt()).isEqualTo(old.version() + 1);
        assertThat(done.phase()).as(done.toString()).isEqualTo(RebuildProgress.Phase.DONE);
        assertThat(done.events()).isGreaterThanOrEqualTo(published.get());
        assertThat(done.lag()).isZero();
        ReadModel rebuilt = serving.model();
        assertThat(rebuilt.version()).isEqualTo(done.version()).isEqualTo(old.version() + 1);
        assertThat(jdbc.queryForObject("select state from read_model_version where version = ?", String.class,
                old.version())).isEqualTo("RETIRED");
        assertThat(storedEvents(rebuilt, "region_id", region)).isEqualTo(published.get());
        assertThat(served.get()).isPositive();
        assertThat(servedWrong).isEmpty();
        assertThat(figures(quarter)).isEqualTo(before);
        // the rebuilt index starts with no running figures: the current quarter and month are warmed after it
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(30)).until(() -> serving.index().orElseThrow()
                .keeps(calendar.quarterOf(today)) && serving.index().orElseThrow().keeps(calendar.monthOf(today)));

        // the serving consumer now applies to the rebuilt version, and what it applies shows at once
        DealGenerator later = new DealGenerator("RB-late-" + UUID.randomUUID(), region,
                Instant.parse("2025-07-01T00:00:00Z"), 6);
        try (EventPublisher publisher = new EventPublisher(PipelineInfrastructure.shared().kafkaBootstrapServers())) {
            later.deal(0, 3).forEach(publisher::send);
        }
        String lateDeal = later.dealId(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> serving.index().orElseThrow().contains(lateDeal, 2));
        assertThat(storedEvents(rebuilt, "opportunity_id", lateDeal)).isEqualTo(3);
        assertThat(storedEvents(old, "opportunity_id", lateDeal)).isZero();
    }
}
