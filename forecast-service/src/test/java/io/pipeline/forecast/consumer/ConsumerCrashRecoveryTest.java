package io.pipeline.forecast.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.pipeline.forecast.bench.DealGenerator;
import io.pipeline.forecast.bench.EventPublisher;
import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.ConversionRates;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.FigureQueries;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.HistoryStore;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import io.pipeline.forecast.projection.DealEvents;
import io.pipeline.forecast.projection.EventMeta;
import io.pipeline.forecast.readmodel.ReadModel;
import io.pipeline.forecast.readmodel.ServingReadModel;
import io.pipeline.testsupport.PipelineInfrastructure;
import io.pipeline.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

@SpringBootTest(properties = "pipeline.forecast.consumer-group=forecast-crash-test-${random.uuid}")
@RealInfrastructure(database = "forecast")
class ConsumerCrashRecoveryTest {

    static final Instant AS_OF = Instant.parse("2026-06-30T00:00:00Z");

    @MockitoSpyBean
    PositionStore positions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ServingReadModel serving;
    @Autowired
    FigureQueries queries;
    @Autowired
    HistoryStore histories;
    @Autowired
    FiscalCalendar calendar;

    @Test
    void aBatchThatFailsBetweenApplyingAndCommittingIsNeitherDroppedNorCountedTwice() throws Exception {
        String region = "crash-" + UUID.randomUUID();
        DealGenerator generator = new DealGenerator("CR-" + UUID.randomUUID(), region,
                Instant.parse("2025-01-01T00:00:00Z"), 9);
        AtomicBoolean crashed = new AtomicBoolean();
        // the failure strikes in the transaction of the first batch holding this test's events, after they were
        // applied and just before the positions are stored and the transaction commits
        doAnswer(call -> {
            ReadModel model = call.getArgument(0);
            if (!crashed.get() && jdbc.queryForObject("select count(*) from " + model.table("opportunity_event")
                    + " where region_id = ?", Long.class, region) > 0) {
                crashed.set(true);
                throw new IllegalStateException("injected crash between applying and committing");
            }
            return call.callRealMethod();
        }).when(positions).save(any(), any(), any());

        List<DealGenerator.Generated> sent = new ArrayList<>();
        try (EventPublisher publisher = new EventPublisher(PipelineInfrastructure.shared().kafkaBootstrapServers())) {
            generator.generate(0, 30, 8, g -> {
                publisher.send(g);
                sent.add(g);
            });
        }
        ReadModel model = serving.model();
        // the index takes a batch right after its commit: both reach the count, neither goes past it
        await().atMost(Duration.ofSeconds(30)).until(() -> crashed.get() && stored(model, region) == sent.size()
                && indexed(generator) == sent.size());
        assertThat(stored(model, region)).isEqualTo(sent.size());
        assertThat(indexed(generator)).isEqualTo(sent.size());

        Scope scope = Scope.parse("scope", "region:" + region);
        Period quarter = calendar.quarterOf(LocalDate.parse("2025-08-15"));
        CategoryTotals expected = CategoryTotals.of(DealHistory.of(sent.stream().map(g -> DealEvents.of(g.event(),
                new EventMeta(g.eventId(), g.sequence(), "pipeline.opportunity." + g.event().getClass()
                        .getSimpleName()))).toList()), context(quarter, scope));
        assertThat(queries.categoryTotals(quarter, scope, AS_OF).totals()).isEqualTo(expected.totals());
        assertThat(CategoryTotals.of(histories.deals(model, scope, AS_OF), context(quarter, scope)).totals())
                .isEqualTo(expected.totals());
    }

    private long stored(ReadModel model, String region) {
        return jdbc.queryForObject("select count(*) from " + model.table("opportunity_event") + " where region_id = ?",
                Long.class, region);
    }

    private long indexed(DealGenerator generator) {
        return serving.index().orElseThrow().all(AS_OF).stream()
                .filter(h -> h.opportunityId().startsWith(generator.idPrefix()))
                .mapToLong(h -> h.events().size()).sum();
    }

    private FigureContext context(Period period, Scope scope) {
        return FigureContext.of(period, scope, AS_OF, ZoneOffset.UTC, calendar, Hierarchy.NONE,
                ConversionRates.none("USD"));
    }
}
