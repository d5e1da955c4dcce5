package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.at;
import static io.pipeline.forecast.figures.DealScript.context;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over random deal histories (seeded, so a failure replays): the waterfall balances between any two
 * instants, and any interleaving of the same events across deals gives the same figures.
 */
class FigureInvariantsRandomizedTest {

    static final String[] CATEGORIES = {"PIPELINE", "BEST_CASE", "COMMIT", "OMITTED"};

    static List<DealScript> randomDeals(Random random, int count) {
        List<DealScript> deals = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            LocalDate day = LocalDate.parse("2026-05-01").plusDays(random.nextInt(60));
            DealScript deal = DealScript.opened("D" + d, day.toString(), String.valueOf(10 + random.nextInt(990)),
                    LocalDate.parse("2026-06-01").plusDays(random.nextInt(200)).toString(),
                    CATEGORIES[random.nextInt(3)]);
            boolean open = true;
            for (int step = random.nextInt(8); step > 0; step--) {
                day = day.plusDays(1 + random.nextInt(20));
                String on = day.toString();
                String closeDate = day.plusDays(random.nextInt(150)).toString();
                switch (random.nextInt(open ? 8 : 2)) {
                    case 0 -> deal = open ? deal.closeDate(on, closeDate) : deal.reopened(on, closeDate,
                            CATEGORIES[random.nextInt(3)]);
                    case 1 -> deal = deal.amount(on, String.valueOf(10 + random.nextInt(990)));
                    case 2 -> deal = deal.advance(on, "S" + random.nextInt(5), CATEGORIES[random.nextInt(3)]);
                    case 3 -> deal = deal.override(on, CATEGORIES[random.nextInt(4)]);
                    case 4 -> deal = deal.owner("rep-" + random.nextInt(3), "team-" + random.nextInt(2), on);
                    case 5 -> deal = deal.won(on);
                    case 6 -> deal = deal.lost(on, random.nextBoolean() ? "COMPETITION" : "NO_DECISION", "X");
                    default -> deal = deal.deferred(on);
                }
                open = open ? random.nextInt(8) < 5 : true;
            }
            deals.add(deal);
        }
        return deals;
    }

    @Test
    void theWaterfallAlwaysBalancesForEveryViewAndScope() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            List<DealHistory> deals = randomDeals(random, 12).stream().map(DealScript::history).toList();
            LocalDate from = LocalDate.parse("2026-05-01").plusDays(random.nextInt(150));
            String to = from.plusDays(1 + random.nextInt(120)).toString();
            for (String period : List.of("FY2026-Q3", "FY2026-M08")) {
                FigureContext org = context(period, to);
                FigureContext team = new FigureContext(org.period(), Scope.parse("scope", "team:team-1"),
                        org.asOf(), org.zone(), org.calendar(), org.hierarchy(), org.money());
                for (FigureContext ctx : List.of(org, team)) {
                    Waterfall waterfall = Waterfall.of(deals, ctx, at(from.toString()));
                    assertThat(waterfall.views()).as("trial %d %s %s", trial, period, ctx.scope())
                            .allMatch(Waterfall.View::balanced);
                }
            }
        }
    }

    @Test
    void anyInterleavingOfTheSameEventsAcrossDealsGivesTheSameFigures() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            List<DealEvent> events = new ArrayList<>();
            randomDeals(random, 10).forEach(deal -> events.addAll(deal.events()));
            List<DealEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            List<DealHistory> inOrder = DealHistory.of(events);
            List<DealHistory> interleaved = DealHistory.of(shuffled);
            String asOf = LocalDate.parse("2026-06-01").plusDays(random.nextInt(150)).toString();

            assertThat(figures(interleaved, asOf)).as("trial %d", trial).isEqualTo(figures(inOrder, asOf));
        }
    }

    private static List<Object> figures(List<DealHistory> deals, String asOf) {
        return List.of(CategoryTotals.of(deals, context("FY2026-Q3", asOf)),
                CloseRates.of(deals, context("FY2026-Q3", asOf)), Slippage.of(deals, context("FY2026-Q3", asOf)),
                StageVelocity.of(deals, context("FY2026-Q3", asOf)),
                PipelineCreated.of(deals, context("FY2026-Q3", asOf)),
                Waterfall.of(deals, context("FY2026-Q3", asOf), at("2026-06-01T00:00:00Z")),
                WeightedForecast.of(deals, context("FY2026-Q3", asOf), 2));
    }
}
