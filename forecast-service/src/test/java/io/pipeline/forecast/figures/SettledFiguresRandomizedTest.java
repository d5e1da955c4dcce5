package io.pipeline.forecast.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.index.SettledPeriod;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The index's running org figures of a period ({@link SettledPeriod}) are only a faster way to the same answer:
 * over random deal histories (some in a currency with a rate, some in one without), arriving in any order, with
 * the period started halfway through the arrivals (so that both the start and the later appends build it), the
 * category totals, slippage and velocity it gives "now" equal the pure figures over the plain histories, for
 * quarters and months before, around and after the deals' dates; and as of earlier instants, where it takes the
 * deals settled by then from their kept contributions and the others from their histories.
 */
class SettledFiguresRandomizedTest {

    static final List<String> PERIODS = List.of("FY2026-Q2", "FY2026-Q3", "FY2026-Q4", "FY2027-Q1", "FY2026-M06",
            "FY2026-M08", "FY2026-M10", "FY2026-M12");
    static final ConversionRates RATES = ConversionRates.none("USD")
            .with("EUR", LocalDate.parse("2026-01-01"), new BigDecimal("1.0873"))
            .with("EUR", LocalDate.parse("2026-09-01"), new BigDecimal("1.1131"));

    @Test
    void theRunningFiguresNowEqualThePureFiguresOverThePlainHistories() {
        Random random = new Random(2026);
        for (int trial = 0; trial < 80; trial++) {
            List<DealEvent> all = new ArrayList<>();
            for (DealScript script : FigureInvariantsRandomizedTest.randomDeals(random, 14)) {
                int roll = random.nextInt(6);
                all.addAll(roll == 0 ? inCurrency(script.events(), "EUR")
                        : roll == 1 ? inCurrency(script.events(), "GBP") : script.events());
            }
            List<DealEvent> arrival = new ArrayList<>(all);
            Collections.shuffle(arrival, random);
            DealIndex index = new DealIndex();
            List<DealHistory> plain = DealHistory.of(all);
            Instant newest = all.stream().map(DealEvent::occurredAt).max(Comparator.naturalOrder()).orElseThrow();

            // half the events before the periods are first asked for, half after
            arrival.subList(0, arrival.size() / 2).forEach(index::add);
            Instant early = arrival.subList(0, arrival.size() / 2).stream().map(DealEvent::occurredAt)
                    .max(Comparator.naturalOrder()).orElseThrow();
            for (String period : PERIODS) {
                // read once before the rest arrives: what a read merges or remembers must follow later changes
                SettledPeriod kept = index.settled(context(period, early)).orElseThrow();
                assertThat(kept.categoryTotals(context(period, early))).isPresent();
                assertThat(kept.slippage(context(period, early))).isPresent();
                assertThat(kept.velocity(context(period, early))).isPresent();
            }
            arrival.subList(arrival.size() / 2, arrival.size()).forEach(index::add);

            for (String period : PERIODS) {
                for (Instant now : List.of(newest, newest.plus(Duration.ofDays(random.nextInt(120))))) {
                    String what = "trial " + trial + " " + period + " as of " + now;
                    assertSame(index, plain, period, now, SettledPeriod::categoryTotals, CategoryTotals::of, what);
                    assertSame(index, plain, period, now, SettledPeriod::slippage, Slippage::of, what);
                    assertSame(index, plain, period, now, SettledPeriod::velocity, StageVelocity::of, what);
                }
                // as of an earlier instant: settled deals from their kept contributions, the others from history
                Instant past = newest.minus(Duration.ofHours(1 + random.nextInt(150 * 24)));
                String what = "trial " + trial + " " + period + " as of " + past;
                assertSame(index, plain, period, past, SettledPeriod::categoryTotals, CategoryTotals::of, what);
                assertSame(index, plain, period, past, SettledPeriod::slippage, Slippage::of, what);
                assertSame(index, plain, period, past, SettledPeriod::velocity, StageVelocity::of, what);
            }
        }
    }

    @Test
    void oneScopesQuestionStartsThePeriodForEveryScopeAndAnInstantBeforeTheDealsNewestEventIsReadFromItsHistory() {
        DealIndex index = new DealIndex();
        DealScript.opened("D", "2026-07-01", "100", "2026-09-15", "COMMIT").closeDate("2026-07-10", "2026-10-15")
                .events().forEach(index::add);
        FigureContext org = context("FY2026-Q3", Instant.parse("2026-08-01T00:00:00Z"));
        FigureContext team = new FigureContext(org.period(), Scope.parse("scope", "team:team-1"), org.asOf(),
                org.zone(), org.calendar(), org.hierarchy(), org.money());

        SettledPeriod kept = index.settled(team).orElseThrow();
        assertThat(index.settled(org)).containsSame(kept);
        // as of July 5th the deal was still due in Q3: not slipped yet (its kept contribution says it slipped)
        assertThat(kept.slippage(context("FY2026-Q3", Instant.parse("2026-07-05T00:00:00Z"))).orElseThrow()
                .slipped()).isEqualTo(Measure.ZERO);
        assertThat(kept.slippage(org).orElseThrow().slipped()).isEqualTo(new Measure(new BigDecimal("100.00"), 1));
    }

    private static <T> void assertSame(DealIndex index, List<DealHistory> plain, String period, Instant asOf,
                                       BiFunction<SettledPeriod, FigureContext, Optional<T>> running,
                                       BiFunction<List<DealHistory>, FigureContext, T> pure, String what) {
        Optional<T> fast = index.settled(context(period, asOf)).flatMap(kept -> running.apply(kept,
                context(period, asOf)));
        assertThat(fast).as(what).isPresent();
        assertThat(fast.get()).as(what).isEqualTo(pure.apply(plain, context(period, asOf)));
    }

    /** A fresh context each time: its converter notes the deals it could not convert. */
    private static FigureContext context(String period, Instant asOf) {
        return FigureContext.of(DealScript.CALENDAR.parse("period", period), Scope.ORG, asOf, ZoneOffset.UTC,
                DealScript.CALENDAR, Hierarchy.NONE, RATES);
    }

    static List<DealEvent> inCurrency(List<DealEvent> events, String currency) {
        return events.stream().map(e -> {
            DealState s = e.after();
            DealState moved = new DealState(s.ownerId(), s.teamId(), s.regionId(), s.segment(), s.amount(), currency,
                    s.closeDate(), s.stage(), s.forecastCategory(), s.status(), s.qualified());
            return new DealEvent(e.opportunityId(), e.sequence(), e.kind(), e.occurredAt(), moved, e.lostReason(),
                    e.competitor());
        }).toList();
    }
}
