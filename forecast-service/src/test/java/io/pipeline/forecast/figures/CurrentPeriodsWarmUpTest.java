package io.pipeline.forecast.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.index.SettledPeriod;
import io.pipeline.platform.period.Period;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The warm-up starts the running figures of the current quarter and month without any query: once it has run,
 * the index keeps both, and what they answer "now" equals the pure figures over the plain histories. A query
 * asked while the warm-up runs is answered correctly (computed from the histories until the figures are ready)
 * and does not start the period a second time.
 */
class CurrentPeriodsWarmUpTest {

    @Test
    void afterTheWarmUpTheCurrentQuarterAndMonthAreKeptAndAnswerAsThePureFigures() {
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            List<DealEvent> all = randomEvents(random, 14);
            DealIndex index = new DealIndex();
            List<DealEvent> arrival = new ArrayList<>(all);
            Collections.shuffle(arrival, random);
            arrival.forEach(index::add);
            List<DealHistory> plain = DealHistory.of(all);
            Instant now = newest(all).plus(Duration.ofHours(1 + random.nextInt(24 * 40)));
            List<Period> current = CurrentPeriodsWarmUp.currentPeriods(DealScript.CALENDAR, ZoneOffset.UTC, now);
            assertThat(current).extracting(Period::kind).containsExactly(Period.Kind.QUARTER, Period.Kind.MONTH,
                    Period.Kind.QUARTER);
            assertThat(current.get(2).end()).as("the quarter before").isEqualTo(current.get(0).start());

            for (Period period : current) {
                assertThat(index.keeps(period)).as("kept before any query or warm-up").isFalse();
                SettledPeriod started = CurrentPeriodsWarmUp.warm(index, context(period, now), 1).orElseThrow();
                assertThat(index.keeps(period)).isTrue();
                assertThat(started.deals()).isEqualTo(index.concerning(context(period, now)).size());
                // warming it again starts nothing: it is kept
                assertThat(CurrentPeriodsWarmUp.warm(index, context(period, now), 1)).isEmpty();
            }
            for (Period period : current) {
                String what = "trial " + trial + " " + period.id() + " as of " + now;
                assertRunningEqualsPure(index, plain, period, now, SettledPeriod::categoryTotals, CategoryTotals::of,
                        what);
                assertRunningEqualsPure(index, plain, period, now, SettledPeriod::slippage, Slippage::of, what);
                assertRunningEqualsPure(index, plain, period, now, SettledPeriod::velocity, StageVelocity::of,
                        what);
            }
        }
    }

    @Test
    void whenTodayEntersANewMonthOnlyTheNewPeriodsAreLeftToWarm() {
        Random random = new Random(5);
        List<DealEvent> all = randomEvents(random, 200);
        DealIndex index = new DealIndex();
        all.forEach(index::add);
        Instant today = newest(all).plus(Duration.ofDays(1));
        List<Period> current = CurrentPeriodsWarmUp.currentPeriods(DealScript.CALENDAR, ZoneOffset.UTC, today);
        assertThat(CurrentPeriodsWarmUp.notKept(index, current)).containsExactlyElementsOf(current);
        current.forEach(period -> CurrentPeriodsWarmUp.warm(index, context(period, today), 1));
        assertThat(CurrentPeriodsWarmUp.notKept(index, current)).isEmpty();

        Instant monthLater = today.plus(Duration.ofDays(31));
        List<Period> then = CurrentPeriodsWarmUp.currentPeriods(DealScript.CALENDAR, ZoneOffset.UTC, monthLater);
        List<Period> turned = then.stream().filter(period -> !current.contains(period)).toList();
        assertThat(turned).extracting(Period::kind).contains(Period.Kind.MONTH);
        assertThat(CurrentPeriodsWarmUp.notKept(index, then)).containsExactlyElementsOf(turned);
        turned.forEach(period -> CurrentPeriodsWarmUp.warm(index, context(period, monthLater), 1));
        assertThat(CurrentPeriodsWarmUp.notKept(index, then)).isEmpty();
    }

    @Test
    void aQueryWhileTheWarmUpRunsIsAnsweredFromTheHistoriesAndStartsNoSecondBuild() throws Exception {
        Random random = new Random(11);
        List<DealEvent> all = randomEvents(random, 4_000);
        DealIndex index = new DealIndex();
        all.forEach(index::add);
        List<DealHistory> plain = DealHistory.of(all);
        Instant now = newest(all).plus(Duration.ofDays(1));
        Period quarter = CurrentPeriodsWarmUp.currentPeriods(DealScript.CALENDAR, ZoneOffset.UTC, now).get(0);
        CategoryTotals pure = CategoryTotals.of(plain, context(quarter, now));

        AtomicReference<SettledPeriod> warmed = new AtomicReference<>();
        Thread warmUp = new Thread(() -> warmed.set(
                CurrentPeriodsWarmUp.warm(index, context(quarter, now), 1).orElseThrow()), "test-warm-up");
        warmUp.start();
        // once the warm-up has listed the period (and builds it), queries find it there, not ready
        while (index.periodsStarted() == 0) {
            Thread.onSpinWait();
        }
        int answered = 0;
        do {
            // the path FigureQueries takes: the running figures when they answer, else the histories
            FigureContext ctx = context(quarter, now);
            CategoryTotals answer = index.settled(ctx).flatMap(kept -> kept.categoryTotals(ctx))
                    .orElseGet(() -> CategoryTotals.of(index.concerning(ctx), ctx));
            assertThat(answer).isEqualTo(pure);
            answered++;
        } while (warmUp.isAlive());
        warmUp.join();

        assertThat(answered).isPositive();
        assertThat(warmed.get()).isNotNull();
        // the figures the queries read are the ones the warm-up built: no query started another
        assertThat(index.periodsStarted()).isEqualTo(1);
        assertThat(index.settled(context(quarter, now))).containsSame(warmed.get());
        assertThat(warmed.get().categoryTotals(context(quarter, now))).contains(pure);
    }

    private static <T> void assertRunningEqualsPure(DealIndex index, List<DealHistory> plain, Period period,
                                                    Instant asOf,
                                                    BiFunction<SettledPeriod, FigureContext, Optional<T>> running,
                                                    BiFunction<List<DealHistory>, FigureContext, T> pure,
                                                    String what) {
        // keeps() was true before this read: the answer comes from the figures the warm-up started
        Optional<T> fast = index.settled(context(period, asOf)).flatMap(kept -> running.apply(kept,
                context(period, asOf)));
        assertThat(fast).as(what).isPresent();
        assertThat(fast.get()).as(what).isEqualTo(pure.apply(plain, context(period, asOf)));
    }

    /** Random deals in USD and in EUR (with rates) and GBP (without). */
    private static List<DealEvent> randomEvents(Random random, int deals) {
        List<DealEvent> all = new ArrayList<>();
        for (DealScript script : FigureInvariantsRandomizedTest.randomDeals(random, deals)) {
            int roll = random.nextInt(6);
            all.addAll(roll == 0 ? SettledFiguresRandomizedTest.inCurrency(script.events(), "EUR")
                    : roll == 1 ? SettledFiguresRandomizedTest.inCurrency(script.events(), "GBP") : script.events());
        }
        return all;
    }

    private static Instant newest(List<DealEvent> events) {
        return events.stream().map(DealEvent::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** A fresh context each time: its converter notes the deals it could not convert. */
    private static FigureContext context(Period period, Instant asOf) {
        return FigureContext.of(period, Scope.ORG, asOf, ZoneOffset.UTC, DealScript.CALENDAR, Hierarchy.NONE,
                SettledFiguresRandomizedTest.RATES);
    }
}
