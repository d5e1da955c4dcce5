package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.opened;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.index.DealIndex;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The weighted forecast learns its win shares from the periods before P once per question and the index keeps
 * that until an event before P's start arrives: asked again, after an event in P, and after a back-dated deal in the
 * period it learns from, it is what the definition gives over the histories of the moment (worked by hand below).
 */
class WeightedForecastKeptLookbackTest {

    static final ConversionRates USD = ConversionRates.none("USD");

    @Test
    void theLookbackIsLearntOnceAndLearntAgainWhenAnEventBeforeThePeriodArrives() {
        DealIndex index = new DealIndex();
        List<DealEvent> all = new ArrayList<>();
        // FY2026-Q3, the one period learnt from: A open in Commit at its start (100, closing in Q3), won in it
        add(index, all, opened("A", "2026-06-01", "100", "2026-09-15", "COMMIT").won("2026-09-10").events());
        // FY2026-Q4: B open in Commit, 200
        add(index, all, opened("B", "2026-10-05", "200", "2026-12-15", "COMMIT").events());

        // Commit's share 100 / 100 = 1: 200 x 1 = 200.00 (nothing won in Q4, nothing created and won in Q3)
        assertThat(forecast(index, all).forecast()).isEqualByComparingTo("200.00");
        assertThat(forecast(index, all).forecast()).as("from the kept lookback").isEqualByComparingTo("200.00");

        // B doubles in Q4: the lookback is kept, P's totals are read anew: 400 x 1 = 400.00
        add(index, all, List.of(changed("B", "2026-10-20", "400")));
        assertThat(forecast(index, all).forecast()).isEqualByComparingTo("400.00");

        // C, imported back-dated: open in Commit at Q3's start (300, closing in Q3), lost in it; Commit's share is
        // now 100 / 400 = 0.25: 400 x 0.25 = 100.00
        add(index, all, opened("C", "2026-06-10", "300", "2026-09-20", "COMMIT")
                .lost("2026-09-18", "NO_DECISION", null).events());
        WeightedForecast learntAgain = forecast(index, all);
        assertThat(learntAgain.forecast()).isEqualByComparingTo("100.00");
        assertThat(learntAgain.categories().get(2).historicalWinShare()).isEqualByComparingTo("0.25");
    }

    @Test
    void aValueKeptBeforeAnInstantIsComputedOnceUntilAnEventBeforeItArrives() {
        DealIndex index = new DealIndex();
        opened("A", "2026-06-01", "100", "2026-09-15", "COMMIT").events().forEach(index::add);
        AtomicInteger computed = new AtomicInteger();
        java.time.Instant before = DealScript.at("2026-10-01T00:00:00Z");

        index.keptBefore(before, "question", computed::incrementAndGet);
        index.keptBefore(before, "question", computed::incrementAndGet);
        assertThat(computed).hasValue(1);
        index.keptBefore(before, "another question", computed::incrementAndGet);
        assertThat(computed).hasValue(2);

        // an event two months after: kept; an event before: computed again
        opened("B", "2026-12-01", "100", "2026-12-15", "COMMIT").events().forEach(index::add);
        index.keptBefore(before, "question", computed::incrementAndGet);
        assertThat(computed).hasValue(2);
        opened("C", "2026-07-01", "100", "2026-09-15", "COMMIT").events().forEach(index::add);
        index.keptBefore(before, "question", computed::incrementAndGet);
        assertThat(computed).hasValue(3);
    }

    /** The figure as FigureQueries asks it over the index, checked against the definition over the histories. */
    private static WeightedForecast forecast(DealIndex index, List<DealEvent> all) {
        FigureContext ctx = context();
        CategoryTotals now = CategoryTotals.of(index.concerningInScope(ctx), ctx);
        WeightedForecast answer = FigureQueries.weightedForecast(index, now, ctx, 1);
        assertThat(answer).isEqualTo(FigureDefinitions.weightedForecast(DealHistory.of(all), context(), 1));
        return answer;
    }

    private static FigureContext context() {
        return FigureContext.of(DealScript.CALENDAR.parse("period", "FY2026-Q4"), Scope.ORG,
                DealScript.at("2026-11-01"), ZoneOffset.UTC, DealScript.CALENDAR, Hierarchy.NONE, USD);
    }

    private static DealEvent changed(String deal, String on, String amount) {
        return opened(deal, "2026-10-05", "200", "2026-12-15", "COMMIT").amount(on, amount).events().get(1);
    }

    private static void add(DealIndex index, List<DealEvent> all, List<DealEvent> events) {
        events.forEach(index::add);
        all.addAll(events);
    }
}
