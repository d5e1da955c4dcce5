package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.at;
import static io.pipeline.forecast.figures.DealScript.context;
import static io.pipeline.forecast.figures.DealScript.stageOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.inspection.ChangeKind;
import io.pipeline.forecast.inspection.InspectionQuery;
import io.pipeline.forecast.inspection.InspectionSort;
import io.pipeline.forecast.inspection.PipelineInspection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Pipeline inspection over random deals against an independent computation from the raw events: each deal folded
 * event by event to the two instants, the kinds decided from the generator's own stage order (one stage per
 * category, in the order Pipeline, Best Case, Commit), rows and totals written out as text.
 */
class PipelineInspectionRandomizedTest {

    static final String[] OPEN_CATEGORIES = {"PIPELINE", "BEST_CASE", "COMMIT"};

    static List<DealHistory> randomDeals(Random random, int count) {
        List<DealHistory> deals = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            LocalDate day = LocalDate.parse("2026-08-01").plusDays(random.nextInt(120));
            int stage = random.nextInt(3);
            DealScript deal = DealScript.opened("D" + d, day.toString(), String.valueOf(10 + random.nextInt(990)),
                    LocalDate.parse("2026-09-01").plusDays(random.nextInt(150)).toString(), OPEN_CATEGORIES[stage]);
            boolean open = true;
            boolean won = false;
            for (int step = random.nextInt(9); step > 0 && !won; step--) {
                day = day.plusDays(1 + random.nextInt(15));
                String on = day.toString();
                String closeDate = day.plusDays(random.nextInt(120)).toString();
                if (!open) {
                    stage = random.nextInt(3);
                    deal = deal.reopened(on, closeDate, OPEN_CATEGORIES[stage]);
                    open = true;
                    continue;
                }
                switch (random.nextInt(9)) {
                    case 0, 1 -> deal = deal.closeDate(on, closeDate);
                    case 2 -> deal = deal.amount(on, String.valueOf(10 + random.nextInt(990)));
                    case 3 -> {
                        if (stage < 2) {
                            stage += 1 + random.nextInt(2 - stage);
                            deal = deal.advance(on, stageOf(OPEN_CATEGORIES[stage]), OPEN_CATEGORIES[stage]);
                        }
                    }
                    case 4 -> {
                        if (stage > 0) {
                            stage -= 1 + random.nextInt(stage);
                            deal = deal.regress(on, stageOf(OPEN_CATEGORIES[stage]), OPEN_CATEGORIES[stage]);
                        }
                    }
                    case 5 -> deal = deal.override(on, random.nextBoolean() ? "OMITTED" : OPEN_CATEGORIES[random.nextInt(3)]);
                    case 6 -> deal = deal.owner("rep-" + random.nextInt(3), "team-" + random.nextInt(2), on);
                    case 7 -> {
                        open = false;
                        // a won deal is final
                        won = random.nextBoolean();
                        deal = won ? deal.won(on) : deal.lost(on, "NO_DECISION", null);
                    }
                    default -> {
                        open = false;
                        deal = deal.deferred(on);
                    }
                }
            }
            deals.add(deal.history());
        }
        return deals;
    }

    @Test
    void rowsAndTotalsEqualAnIndependentComputationFromTheRawEvents() {
        Random random = new Random(15);
        Set<String> kindsSeen = new TreeSet<>();
        for (int trial = 0; trial < 300; trial++) {
            List<DealHistory> deals = randomDeals(random, 15);
            LocalDate since = LocalDate.parse("2026-08-15").plusDays(random.nextInt(120));
            Instant changedSince = at(since.toString());
            String asOf = since.plusDays(random.nextInt(90)).toString();
            String period = List.of("FY2026-Q4", "FY2026-M11", "FY2026-Q3").get(random.nextInt(3));
            String scope = List.of("org", "team:team-1", "rep:rep-2").get(random.nextInt(3));
            FigureContext org = context(period, asOf);
            FigureContext ctx = new FigureContext(org.period(), Scope.parse("scope", scope), org.asOf(), org.zone(),
                    org.calendar(), org.hierarchy(), org.money());

            PipelineInspection inspection = PipelineInspection.of(deals, ctx, new InspectionQuery(changedSince,
                    Set.of(), InspectionSort.parse("sort", "dealId"), 0, 500));

            List<String> expected = new ArrayList<>();
            TreeMap<String, long[]> counts = new TreeMap<>();
            TreeMap<String, BigDecimal> amounts = new TreeMap<>();
            for (DealHistory deal : deals.stream().sorted((a, b) -> a.opportunityId().compareTo(b.opportunityId()))
                    .toList()) {
                String row = expectedRow(deal, ctx, changedSince, counts, amounts);
                if (row != null) {
                    expected.add(row);
                }
            }
            List<String> actual = inspection.items().stream().map(item -> item.dealId() + " " + item.ownerId() + " "
                    + item.stage() + " " + item.forecastCategory() + " " + item.amount() + " " + item.closeDate()
                    + item.changes().stream().map(c -> " " + c.kind() + ":" + c.from() + ">" + c.to())
                    .reduce("", String::concat)).toList();
            String question = "trial " + trial + " " + period + " " + scope + " " + changedSince + " " + asOf;
            assertThat(actual).as(question).isEqualTo(expected);
            assertThat(inspection.totalItems()).as(question).isEqualTo(expected.size());
            for (PipelineInspection.KindTotal total : inspection.totals()) {
                long[] count = counts.getOrDefault(total.kind().name(), new long[1]);
                assertThat(total.count()).as(question + " " + total.kind()).isEqualTo(count[0]);
                if (count[0] > 0) {
                    kindsSeen.add(total.kind().name());
                }
                assertThat(total.amount()).as(question + " " + total.kind())
                        .isEqualByComparingTo(amounts.getOrDefault(total.kind().name(), BigDecimal.ZERO));
            }
        }
        // the random histories reach every kind of change
        assertThat(kindsSeen).hasSize(ChangeKind.values().length);
    }

    /** The deal after its last event at or before {@code t}, folded from the raw events; null before its opening. */
    private static DealState fold(DealHistory deal, Instant t) {
        DealState state = null;
        for (DealEvent event : deal.events()) {
            if (!event.occurredAt().isAfter(t)) {
                state = event.after();
            }
        }
        return state;
    }

    private static int stageRank(String stage) {
        for (int rank = 0; rank < OPEN_CATEGORIES.length; rank++) {
            if (stageOf(OPEN_CATEGORIES[rank]).equals(stage)) {
                return rank;
            }
        }
        throw new IllegalArgumentException(stage);
    }

    private static String expectedRow(DealHistory deal, FigureContext ctx, Instant since, TreeMap<String, long[]> counts,
                                      TreeMap<String, BigDecimal> amounts) {
        DealState t0 = fold(deal, since);
        DealState t1 = fold(deal, ctx.asOf());
        boolean scoped0 = t0 != null && ctx.hierarchy().contains(ctx.scope(), t0);
        boolean scoped1 = t1 != null && ctx.hierarchy().contains(ctx.scope(), t1);
        if (!(scoped0 && ctx.period().contains(t0.closeDate())) && !(scoped1 && ctx.period().contains(t1.closeDate()))) {
            return null;
        }
        BigDecimal amount = t1.amount().setScale(2);
        StringBuilder row = new StringBuilder(deal.opportunityId() + " " + t1.ownerId() + " " + t1.stage() + " "
                + t1.forecastCategory() + " " + amount + " " + t1.closeDate());
        List<String> kinds = new ArrayList<>();
        if (t0 == null) {
            kinds.add("CREATED:null>" + deal.events().get(0).occurredAt().toString().substring(0, 10));
        }
        for (String[] ending : new String[][] {{"WON", "CLOSED_WON"}, {"LOST", "CLOSED_LOST"},
                {"DEFERRED", "CLOSED_DEFERRED"}}) {
            if (t1.status().equals(ending[0]) && (t0 == null || !t0.status().equals(ending[0]))) {
                kinds.add(ending[1] + ":" + (t0 == null ? null : t0.stage()) + ">" + t1.stage());
            }
        }
        if (t0 != null) {
            if (!t0.status().equals("OPEN") && t1.status().equals("OPEN")) {
                kinds.add("REOPENED:" + t0.stage() + ">" + t1.stage());
            }
            if (t1.closeDate().isAfter(t0.closeDate())) {
                kinds.add("PUSHED_OUT:" + t0.closeDate() + ">" + t1.closeDate());
            } else if (t1.closeDate().isBefore(t0.closeDate())) {
                kinds.add("PULLED_IN:" + t0.closeDate() + ">" + t1.closeDate());
            }
            BigDecimal before = t0.amount().setScale(2);
            if (amount.compareTo(before) > 0) {
                kinds.add("AMOUNT_UP:" + before + ">" + amount);
            } else if (amount.compareTo(before) < 0) {
                kinds.add("AMOUNT_DOWN:" + before + ">" + amount);
            }
            boolean openBoth = t0.status().equals("OPEN") && t1.status().equals("OPEN");
            if (openBoth && stageRank(t1.stage()) != stageRank(t0.stage())) {
                kinds.add((stageRank(t1.stage()) > stageRank(t0.stage()) ? "STAGE_FORWARD:" : "STAGE_BACK:")
                        + t0.stage() + ">" + t1.stage());
            }
            if (openBoth && !t0.forecastCategory().equals(t1.forecastCategory())) {
                kinds.add("CATEGORY_CHANGED:" + t0.forecastCategory() + ">" + t1.forecastCategory());
            }
            if (scoped0 && !scoped1) {
                kinds.add("TRANSFERRED_OUT:" + t0.ownerId() + ">" + t1.ownerId());
            } else if (!scoped0 && scoped1) {
                kinds.add("TRANSFERRED_IN:" + t0.ownerId() + ">" + t1.ownerId());
            }
        }
        for (String kind : kinds) {
            String name = kind.substring(0, kind.indexOf(':'));
            counts.computeIfAbsent(name, k -> new long[1])[0]++;
            amounts.merge(name, amount, BigDecimal::add);
            row.append(' ').append(kind);
        }
        return row.toString();
    }
}
