package io.pipeline.forecast.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.index.DealIndex;
import io.pipeline.forecast.index.SettledPeriod;
import io.pipeline.platform.period.Period;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast way the service computes the figures (the index's deals narrowed to those with a state in the scope
 * before any event is built, the waterfall's four views in one walk, the weighted forecast's lookback periods
 * one pass each with P's totals from the running org figures) gives exactly the pure definitions' answers over
 * every plain history, for every scope (org, regions, teams, reps, segments, with an organisation that moves reps
 * and teams away from what their deals' events say), random as-of instants and random waterfall starts, deals
 * arriving in any order, some in a currency with a rate and some in one without.
 */
class ScopedFiguresRandomizedTest {

    static final List<String> SCOPES = List.of("org", "region:region-1", "region:region-2", "team:team-0",
            "team:team-1", "rep:rep-0", "rep:rep-1", "rep:rep-2", "segment:ENTERPRISE", "segment:SMB");
    /**
     * The organisation the drill-down checks read: every rep placed (rep-0 and rep-1 in team-1 whatever their
     * deals' events say), every team in a region, so that each scope's children hold all of its deals.
     */
    static final Hierarchy PLACED = new Hierarchy(Map.of("rep-0", "team-1", "rep-1", "team-1", "rep-2", "team-0"),
            Map.of("team-0", "region-2", "team-1", "region-1"));
    static final List<String> DRILLED = List.of("org", "region:region-1", "region:region-2", "team:team-0",
            "team:team-1");
    /** An instant after every event of the random deals. */
    static final Instant LATER = Instant.parse("2030-01-01T00:00:00Z");
    static final List<String> PERIODS = List.of("FY2026-Q3", "FY2026-M08", "FY2026-Q4");
    /** rep-2 sits in team-0 whatever its deals' events say; team-0 is in region-2. */
    static final Hierarchy ORG = new Hierarchy(Map.of("rep-2", "team-0"), Map.of("team-0", "region-2"));
    static final ConversionRates RATES = ConversionRates.none("USD")
            .with("EUR", LocalDate.parse("2026-01-01"), new BigDecimal("1.0873"))
            .with("EUR", LocalDate.parse("2026-09-01"), new BigDecimal("1.1131"));

    @Test
    void everyFigureAtEveryScopeEqualsItsPureDefinitionAsOfRandomInstants() {
        Random random = new Random(14);
        for (int trial = 0; trial < 40; trial++) {
            List<DealEvent> all = new ArrayList<>();
            for (DealScript script : FigureInvariantsRandomizedTest.randomDeals(random, 16)) {
                List<DealEvent> events = script.events();
                int currency = random.nextInt(6);
                events = currency == 0 ? SettledFiguresRandomizedTest.inCurrency(events, "EUR")
                        : currency == 1 ? SettledFiguresRandomizedTest.inCurrency(events, "GBP") : events;
                all.addAll(placed(events, random.nextInt(3) == 0 ? "SMB" : "ENTERPRISE",
                        random.nextInt(4) == 0 ? "region-2" : "region-1"));
            }
            List<DealEvent> arrival = new ArrayList<>(all);
            Collections.shuffle(arrival, random);
            DealIndex index = new DealIndex();
            arrival.forEach(index::add);
            List<DealHistory> plain = DealHistory.of(all);
            Instant newest = all.stream().map(DealEvent::occurredAt).max(Comparator.naturalOrder()).orElseThrow();

            for (String period : PERIODS) {
                List<Instant> instants = List.of(newest.plus(Duration.ofDays(random.nextInt(30))),
                        newest.minus(Duration.ofHours(1 + random.nextInt(150 * 24))),
                        Instant.parse("2026-05-01T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(200 * 24 * 60))));
                for (Instant asOf : instants) {
                    Instant from = asOf.minus(Duration.ofHours(1 + random.nextInt(90 * 24)));
                    for (String scope : SCOPES) {
                        assertEveryFigure(index, plain, period, scope, asOf, from,
                                "trial " + trial + " " + period + " " + scope + " as of " + asOf + " from " + from);
                    }
                }
            }
        }
    }

    private static void assertEveryFigure(DealIndex index, List<DealHistory> plain, String period, String scope,
                                          Instant asOf, Instant from, String what) {
        List<DealHistory> scoped = index.concerningInScope(context(period, scope, asOf));
        assertThat(Waterfall.of(scoped, context(period, scope, asOf), from)).as("waterfall " + what)
                .isEqualTo(FigureDefinitions.waterfall(plain, context(period, scope, asOf), from));
        assertThat(CloseRates.of(scoped, context(period, scope, asOf))).as("close rates " + what)
                .isEqualTo(CloseRates.of(plain, context(period, scope, asOf)));
        assertThat(Slippage.of(scoped, context(period, scope, asOf))).as("slippage " + what)
                .isEqualTo(Slippage.of(plain, context(period, scope, asOf)));
        assertThat(StageVelocity.of(scoped, context(period, scope, asOf))).as("velocity " + what)
                .isEqualTo(StageVelocity.of(plain, context(period, scope, asOf)));
        assertThat(PipelineCreated.of(scoped, context(period, scope, asOf))).as("pipeline created " + what)
                .isEqualTo(PipelineCreated.of(plain, context(period, scope, asOf)));
        assertThat(CategoryTotals.of(scoped, context(period, scope, asOf))).as("category totals " + what)
                .isEqualTo(CategoryTotals.of(plain, context(period, scope, asOf)));

        // the drill-down's children as FigureQueries asks them: from the running figures where they answer, else in
        // one pass over the scope's deals; each child's totals (and deals without a rate) as its own query's
        if (DRILLED.contains(scope)) {
            FigureContext ctx = placedContext(period, scope, asOf);
            List<Scope> children = PLACED.childrenOf(ctx.scope());
            assertThat(index.settled(ctx).flatMap(kept -> kept.categoryTotalsBelow(ctx, children))
                    .orElseGet(() -> CategoryTotals.below(index.concerningInScope(ctx), ctx, children)))
                    .as("category totals below " + what).isEqualTo(eachChild(plain, period, children, asOf));
        }

        // the weighted forecast as FigureQueries asks it: the stretch from the oldest lookback period, P's totals
        // from the running org figures where they answer, in the same context as the rest of the figure
        for (int lookback : List.of(1, 2, 4)) {
            FigureContext ctx = context(period, scope, asOf);
            LocalDate stretch = WeightedForecast.lookbackPeriods(ctx, lookback).get(0).start();
            CategoryTotals now = index.settled(ctx).flatMap(kept -> kept.categoryTotals(ctx))
                    .orElseGet(() -> CategoryTotals.of(index.concerningInScope(ctx), ctx));
            assertThat(WeightedForecast.of(index.concerningSinceInScope(stretch, ctx), now, ctx, lookback))
                    .as("weighted forecast (lookback " + lookback + ") " + what)
                    .isEqualTo(FigureDefinitions.weightedForecast(plain, context(period, scope, asOf), lookback));
            // as FigureQueries asks it over the index, twice: the second from the lookback the index kept
            for (int ask = 0; ask < 2; ask++) {
                FigureContext asked = context(period, scope, asOf);
                CategoryTotals nowAsked = index.settled(asked).flatMap(kept -> kept.categoryTotals(asked))
                        .orElseGet(() -> CategoryTotals.of(index.concerningInScope(asked), asked));
                assertThat(FigureQueries.weightedForecast(index, nowAsked, asked, lookback))
                        .as("weighted forecast over the index (lookback " + lookback + ", ask " + ask + ") " + what)
                        .isEqualTo(FigureDefinitions.weightedForecast(plain, context(period, scope, asOf), lookback));
            }
        }
    }

    @Test
    void thePeriodsRunningFiguresAnswerEveryScopeAsThePureFiguresNowAndAsOfEarlierInstants() {
        Random random = new Random(41);
        for (int trial = 0; trial < 25; trial++) {
            List<DealEvent> all = new ArrayList<>();
            for (DealScript script : FigureInvariantsRandomizedTest.randomDeals(random, 16)) {
                List<DealEvent> events = random.nextInt(5) == 0
                        ? SettledFiguresRandomizedTest.inCurrency(script.events(), "EUR") : script.events();
                all.addAll(placed(events, random.nextInt(3) == 0 ? "SMB" : "ENTERPRISE",
                        random.nextInt(4) == 0 ? "region-2" : "region-1"));
            }
            List<DealEvent> arrival = new ArrayList<>(all);
            Collections.shuffle(arrival, random);
            // every other trial's as-of scans run in slices of a few deals (a large index's are split by default)
            DealIndex index = trial % 2 == 0 ? new DealIndex() : new DealIndex(1 + random.nextInt(4));
            List<DealHistory> plain = DealHistory.of(all);
            Instant newest = all.stream().map(DealEvent::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
            // one period a trial, its running figures started halfway through the arrivals: both the start and
            // the later appends build them, and they answer every scope
            String period = PERIODS.get(trial % PERIODS.size());
            arrival.subList(0, arrival.size() / 2).forEach(index::add);
            assertThat(index.warm(context(period, "org", newest))).as(period).isPresent();
            // a query "now" before the other half arrives: the foreign deals' parts it reads at these rates and
            // this date are kept, and the later appends must replace them
            SettledPeriod early = index.settled(context(period, "org", LATER)).orElseThrow();
            early.categoryTotals(context(period, "org", LATER));
            early.closeRates(context(period, "org", LATER));
            early.closeRates(context(period, "org", LATER), false);
            // and below each drilled scope (PLACED), then at every scope (ORG): the sums per scope these build
            // for the one organisation are kept up to date by the later appends (the first checks below read
            // ORG's), and built anew for the other (the drill-down checks read PLACED's)
            for (String parent : DRILLED) {
                FigureContext ctx = placedContext(period, parent, LATER);
                early.categoryTotalsBelow(ctx, PLACED.childrenOf(ctx.scope()));
            }
            for (String scope : SCOPES) {
                early.categoryTotals(context(period, scope, LATER));
                early.slippage(context(period, scope, LATER));
                early.closeRates(context(period, scope, LATER));
                early.pipelineCreated(context(period, scope, LATER));
            }
            arrival.subList(arrival.size() / 2, arrival.size()).forEach(index::add);
            List<String> scopes = SCOPES;

            {
                for (Instant asOf : List.of(LATER, newest, newest.plus(Duration.ofDays(random.nextInt(60))),
                        newest.minus(Duration.ofHours(1 + random.nextInt(150 * 24))))) {
                    for (String scope : scopes) {
                        String what = "trial " + trial + " " + period + " " + scope + " as of " + asOf;
                        FigureContext ctx = context(period, scope, asOf);
                        SettledPeriod kept = index.settled(ctx).orElseThrow();
                        assertThat(kept.categoryTotals(context(period, scope, asOf))).as(what)
                                .contains(CategoryTotals.of(plain, context(period, scope, asOf)));
                        assertThat(kept.slippage(context(period, scope, asOf))).as(what)
                                .contains(Slippage.of(plain, context(period, scope, asOf)));
                        assertThat(kept.velocity(context(period, scope, asOf))).as(what)
                                .contains(StageVelocity.of(plain, context(period, scope, asOf)));
                        assertThat(kept.closeRates(context(period, scope, asOf))).as(what)
                                .contains(CloseRates.of(plain, context(period, scope, asOf)));
                        assertThat(kept.closeRates(context(period, scope, asOf), false)).as(what + " without teams")
                                .contains(CloseRates.of(plain, context(period, scope, asOf)).withoutTeams());
                        assertThat(kept.pipelineCreated(context(period, scope, asOf))).as(what)
                                .contains(PipelineCreated.of(plain, context(period, scope, asOf)));
                    }
                    for (String parent : DRILLED) {
                        FigureContext ctx = placedContext(period, parent, asOf);
                        List<Scope> children = PLACED.childrenOf(ctx.scope());
                        String what = "trial " + trial + " " + period + " below " + parent + " as of " + asOf;
                        assertThat(index.settled(ctx).orElseThrow().categoryTotalsBelow(ctx, children)).as(what)
                                .contains(eachChild(plain, period, children, asOf));
                        assertThat(CategoryTotals.below(plain, placedContext(period, parent, asOf), children))
                                .as(what).isEqualTo(eachChild(plain, period, children, asOf));
                    }
                }
            }
        }
    }

    @Test
    void thePeriodsRunningFiguresAnswerAnyScopeThroughWhateverOrganisationTheQueryReads() {
        DealIndex index = new DealIndex();
        DealScript.opened("D", "2026-07-01", "100", "2026-09-15", "COMMIT").events().forEach(index::add);
        FigureContext team = context("FY2026-Q3", "team:team-1", Instant.parse("2026-08-01T00:00:00Z"));

        SettledPeriod kept = index.settled(team).orElseThrow();
        assertThat(index.keeps(team.period())).isTrue();
        assertThat(kept.categoryTotals(team).orElseThrow().total(DealState.COMMIT).amount())
                .isEqualByComparingTo("100");

        // rep-1 moved to team-2 by the organisation: the same running figures answer, read through it
        FigureContext moved = new FigureContext(team.period(), team.scope(), team.asOf(), team.zone(),
                team.calendar(), new Hierarchy(Map.of("rep-1", "team-2"), Map.of()), team.money());
        assertThat(index.settled(moved)).containsSame(kept);
        assertThat(kept.categoryTotals(moved).orElseThrow().total(DealState.COMMIT).amount())
                .isEqualByComparingTo("0");
        FigureContext team2 = new FigureContext(team.period(), Scope.parse("scope", "team:team-2"), team.asOf(),
                team.zone(), team.calendar(), moved.hierarchy(), team.money());
        assertThat(kept.categoryTotals(team2).orElseThrow().total(DealState.COMMIT).amount())
                .isEqualByComparingTo("100");
        assertThat(index.keptPeriods()).isEqualTo(1);
        // as of before the deal's newest event the period is not started for the question
        DealIndex other = new DealIndex();
        DealScript.opened("E", "2026-07-01", "100", "2026-09-15", "COMMIT").events().forEach(other::add);
        assertThat(other.settled(context("FY2026-Q3", "team:team-1", Instant.parse("2026-06-01T00:00:00Z"))))
                .isEmpty();
        assertThat(other.keptPeriods()).isZero();
    }

    @Test
    void aDealNeverInTheScopeIsLeftOutAndOneThatLeftItIsKept() {
        DealIndex index = new DealIndex();
        DealScript.opened("IN", "2026-07-01", "100", "2026-09-15", "COMMIT").events().forEach(index::add);
        DealScript.opened("LEFT", "2026-07-01", "200", "2026-09-15", "COMMIT").owner("rep-7", "team-7", "2026-07-20")
                .events().forEach(index::add);
        DealScript.opened("NEVER", "2026-07-01", "300", "2026-09-15", "COMMIT").owner("rep-7", "team-7", "2026-06-01")
                .events().forEach(index::add);
        Instant asOf = Instant.parse("2026-08-01T00:00:00Z");

        assertThat(index.concerningInScope(context("FY2026-Q3", "rep:rep-1", asOf)))
                .extracting(DealHistory::opportunityId).containsExactlyInAnyOrder("IN", "LEFT", "NEVER");
        // "NEVER" was moved to rep-7 before it was opened (its events say so as of any instant)
        assertThat(index.concerningInScope(context("FY2026-Q3", "rep:rep-7", asOf)))
                .extracting(DealHistory::opportunityId).containsExactlyInAnyOrder("LEFT", "NEVER");
        // as of July 10th "LEFT" had not left yet: rep-7 had no state of it
        assertThat(index.concerningInScope(context("FY2026-Q3", "rep:rep-7", Instant.parse("2026-07-10T00:00:00Z"))))
                .extracting(DealHistory::opportunityId).containsExactly("NEVER");
        assertThat(index.concerningInScope(context("FY2026-Q3", "org", asOf))).hasSize(3);
    }

    @Test
    void theChildrenOfAScopeAreTheScopesOneLevelBelowAsTheOrganisationPlacesThem() {
        assertThat(PLACED.childrenOf(Scope.ORG)).extracting(Scope::toString)
                .containsExactly("region:region-1", "region:region-2");
        assertThat(PLACED.childrenOf(Scope.parse("scope", "team:team-1"))).extracting(Scope::toString)
                .containsExactly("rep:rep-0", "rep:rep-1");
        assertThat(PLACED.childrenOf(Scope.parse("scope", "rep:rep-1"))).isEmpty();
        assertThat(PLACED.childrenOf(Scope.parse("scope", "segment:SMB"))).isEmpty();
        // without a region placed, the org's children are its teams: those placed and those reps are placed in
        Hierarchy teamsOnly = new Hierarchy(Map.of("rep-9", "team-9"), Map.of());
        assertThat(teamsOnly.childrenOf(Scope.ORG)).extracting(Scope::toString).containsExactly("team:team-9");
        assertThat(Hierarchy.NONE.childrenOf(Scope.ORG)).isEmpty();
    }

    private static Map<Scope, CategoryTotals> eachChild(List<DealHistory> plain, String period, List<Scope> children,
                                                       Instant asOf) {
        Map<Scope, CategoryTotals> each = new LinkedHashMap<>();
        children.forEach(child -> each.put(child, CategoryTotals.of(plain, placedContext(period, child.toString(),
                asOf))));
        return each;
    }

    static FigureContext placedContext(String period, String scope, Instant asOf) {
        Period p = DealScript.CALENDAR.parse("period", period);
        return FigureContext.of(p, Scope.parse("scope", scope), asOf, ZoneOffset.UTC, DealScript.CALENDAR, PLACED,
                RATES);
    }

    /** A fresh context each time: its converter notes the deals it could not convert. */
    static FigureContext context(String period, String scope, Instant asOf) {
        Period p = DealScript.CALENDAR.parse("period", period);
        return FigureContext.of(p, Scope.parse("scope", scope), asOf, ZoneOffset.UTC, DealScript.CALENDAR, ORG,
                RATES);
    }

    private static List<DealEvent> placed(List<DealEvent> events, String segment, String region) {
        return events.stream().map(e -> {
            DealState s = e.after();
            DealState moved = new DealState(s.ownerId(), s.teamId(), region, segment, s.amount(), s.currency(),
                    s.closeDate(), s.stage(), s.forecastCategory(), s.status(), s.qualified());
            return new DealEvent(e.opportunityId(), e.sequence(), e.kind(), e.occurredAt(), moved, e.lostReason(),
                    e.competitor());
        }).toList();
    }
}
