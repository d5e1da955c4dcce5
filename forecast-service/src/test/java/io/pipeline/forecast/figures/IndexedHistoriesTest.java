package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.at;
import static io.pipeline.forecast.figures.DealScript.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.index.DealIndex;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The in-memory index is only another form of the same histories: every figure computed over its compact
 * timelines (only the deals it selects for the period) equals the figure over the plain histories, whatever order
 * each deal's events arrived in.
 */
class IndexedHistoriesTest {

    @Test
    void everyFigureOverTheIndexEqualsTheFigureOverThePlainHistories() {
        Random random = new Random(11);
        for (int trial = 0; trial < 60; trial++) {
            List<DealScript> scripts = FigureInvariantsRandomizedTest.randomDeals(random, 10);
            DealIndex index = new DealIndex();
            List<DealEvent> all = new ArrayList<>();
            for (DealScript script : scripts) {
                List<DealEvent> arrival = new ArrayList<>(script.events());
                Collections.shuffle(arrival, random);
                arrival.forEach(index::add);
                all.addAll(script.events());
            }
            List<DealHistory> plain = DealHistory.of(all);
            String asOf = LocalDate.parse("2026-06-01").plusDays(random.nextInt(150)).toString();
            for (String period : List.of("FY2026-Q3", "FY2026-M08", "FY2026-Q4")) {
                assertThat(figures(index.concerning(context(period, asOf)), index.all(at(asOf)), period, asOf))
                        .as("trial %d %s as of %s", trial, period, asOf)
                        .isEqualTo(figures(plain, plain, period, asOf));
            }
        }
    }

    @Test
    void aReDeliveredEventIsKeptOnceAndAnOlderOneIsInsertedInSequenceOrder() {
        DealScript deal = DealScript.opened("D", "2026-07-01", "100", "2026-09-15", "PIPELINE")
                .amount("2026-07-05", "150").closeDate("2026-07-10", "2026-10-15").won("2026-07-20");
        DealIndex index = new DealIndex();
        List<DealEvent> events = deal.events();

        assertThat(index.add(events.get(2))).isTrue();
        assertThat(index.add(events.get(0))).isTrue();
        assertThat(index.add(events.get(0))).isFalse();
        events.subList(1, events.size()).forEach(index::add);

        assertThat(index.eventCount()).isEqualTo(events.size());
        DealHistory history = index.all(at("2026-12-31")).get(0);
        assertThat(history.events()).isEqualTo(events);
        assertThat(history.stateAt(at("2026-07-06")).amount()).isEqualByComparingTo("150");
        assertThat(history.asOf(at("2026-07-06"))).hasSize(2);
    }

    private static List<Object> figures(List<DealHistory> periodDeals, List<DealHistory> allDeals, String period,
                                        String asOf) {
        return List.of(CategoryTotals.of(periodDeals, context(period, asOf)),
                CloseRates.of(periodDeals, context(period, asOf)), Slippage.of(periodDeals, context(period, asOf)),
                StageVelocity.of(periodDeals, context(period, asOf)),
                PipelineCreated.of(periodDeals, context(period, asOf)),
                Waterfall.of(periodDeals, context(period, asOf), at("2026-06-01T00:00:00Z")),
                WeightedForecast.of(allDeals, context(period, asOf), 2));
    }
}
