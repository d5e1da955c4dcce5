package io.pipeline.forecast.figures;

import static io.pipeline.forecast.figures.DealScript.at;
import static io.pipeline.forecast.figures.DealScript.context;
import static io.pipeline.forecast.figures.DealScript.opened;
import static io.pipeline.forecast.figures.DealScript.stageOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pipeline.forecast.inspection.ChangeKind;
import io.pipeline.forecast.inspection.DealNames;
import io.pipeline.forecast.inspection.InspectedDeal;
import io.pipeline.forecast.inspection.InspectionQuery;
import io.pipeline.forecast.inspection.InspectionSort;
import io.pipeline.forecast.inspection.PipelineInspection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pipeline inspection of FY2026-Q4 (Oct 1 - Dec 31) from Oct 1 to Dec 20, on deals worked out by hand. */
class PipelineInspectionTest {

    static final List<DealHistory> DEALS = List.of(
            // pushed twice (into December, then out of the quarter) and pulled back in: net, pushed Nov 1 -> Dec 20
            opened("A", "2026-09-01", "100", "2026-11-01", "PIPELINE").closeDate("2026-10-10", "2026-12-01")
                    .closeDate("2026-10-20", "2027-01-15").closeDate("2026-11-05", "2026-12-20").history(),
            // pushed out of the quarter: of the period as of Oct 1 only, still listed
            opened("B", "2026-09-01", "150", "2026-11-15", "BEST_CASE").closeDate("2026-10-11", "2027-01-15")
                    .closeDate("2026-11-11", "2027-02-15").history(),
            // reassigned from rep-1 (team-1) to rep-9 (team-2)
            opened("C", "2026-09-01", "200", "2026-12-01", "BEST_CASE").owner("rep-9", "team-2", "2026-10-15")
                    .history(),
            // created and won inside the window: the close sets the close date to Nov 20
            opened("D", "2026-10-05", "300", "2026-12-15", "COMMIT").won("2026-11-20").history(),
            // advanced into Best Case and grown
            opened("E", "2026-09-01", "400", "2026-11-30", "PIPELINE")
                    .advance("2026-10-10", "Evaluation", "BEST_CASE").amount("2026-10-12", "450").history(),
            // of the period and unchanged
            opened("F", "2026-08-01", "50", "2026-12-10", "COMMIT").history(),
            // never of the period
            opened("G", "2026-09-01", "999", "2027-03-01", "COMMIT").history(),
            // lost on Oct 20: the close date moves to the day it was lost
            opened("H", "2026-09-01", "60", "2026-12-05", "BEST_CASE").lost("2026-10-20", "COMPETITION", "Globex")
                    .history());

    static PipelineInspection inspect(String scope, Set<ChangeKind> kinds, String sort, int page, int size) {
        return inspect(scope, kinds, null, null, sort, page, size);
    }

    static PipelineInspection inspect(String scope, Set<ChangeKind> kinds, String stage, String category, String sort,
                                      int page, int size) {
        FigureContext org = context("FY2026-Q4", "2026-12-20");
        FigureContext ctx = new FigureContext(org.period(), Scope.parse("scope", scope), org.asOf(), org.zone(),
                org.calendar(), org.hierarchy(), org.money());
        return PipelineInspection.of(DEALS, ctx, new InspectionQuery(at("2026-10-01"), kinds, stage, category,
                InspectionSort.parse("sort", sort), page, size));
    }

    static List<String> rows(PipelineInspection inspection) {
        return inspection.items().stream().map(row -> row.dealId() + " " + row.amount() + " " + row.closeDate() + " "
                + row.changes().stream().map(c -> c.kind() + ":" + c.from() + ">" + c.to())
                .collect(Collectors.joining(" "))).map(String::strip).toList();
    }

    static List<String> totals(PipelineInspection inspection) {
        return inspection.totals().stream().filter(total -> total.count() > 0)
                .map(total -> total.kind() + " " + total.count() + " " + total.amount()).toList();
    }

    @Test
    void everyDealOfThePeriodAtEitherInstantIsARowWithWhatChangedBetweenThem() {
        PipelineInspection org = inspect("org", Set.of(), null, 0, 50);

        // G is of no period instant; amounts at Dec 20, largest first
        assertThat(rows(org)).containsExactly(
                "E 450.00 2026-11-30 AMOUNT_UP:400.00>450.00 STAGE_FORWARD:Stage PIPELINE>Evaluation"
                        + " CATEGORY_CHANGED:PIPELINE>BEST_CASE",
                "D 300.00 2026-11-20 CREATED:null>2026-10-05 CLOSED_WON:null>Closed won",
                "C 200.00 2026-12-01",
                "B 150.00 2027-02-15 PUSHED_OUT:2026-11-15>2027-02-15",
                "A 100.00 2026-12-20 PUSHED_OUT:2026-11-01>2026-12-20",
                "H 60.00 2026-10-20 CLOSED_LOST:Stage BEST_CASE>Closed lost PULLED_IN:2026-12-05>2026-10-20",
                "F 50.00 2026-12-10");
        assertThat(org.totalItems()).isEqualTo(7);
        assertThat(totals(org)).containsExactly("CREATED 1 300.00", "CLOSED_WON 1 300.00", "CLOSED_LOST 1 60.00",
                "PUSHED_OUT 2 250.00", "PULLED_IN 1 60.00", "AMOUNT_UP 1 450.00", "STAGE_FORWARD 1 450.00",
                "CATEGORY_CHANGED 1 450.00");
        assertThat(org.totals()).hasSize(ChangeKind.values().length);
        assertThat(org.currency()).isEqualTo("USD");
        assertThat(org.period()).isEqualTo("FY2026-Q4");
    }

    @Test
    void aDealReassignedOutOfTheScopeStaysARowOfItAsTransferredOut() {
        PipelineInspection team = inspect("team:team-1", Set.of(), "dealId,asc", 0, 50);

        assertThat(rows(team)).filteredOn(row -> row.startsWith("C "))
                .containsExactly("C 200.00 2026-12-01 TRANSFERRED_OUT:rep-1>rep-9");
        assertThat(team.totalItems()).isEqualTo(7);
        assertThat(totals(team)).contains("TRANSFERRED_OUT 1 200.00");
        // in rep-9's scope it came in; nothing else of the period is theirs
        assertThat(rows(inspect("rep:rep-9", Set.of(), null, 0, 50)))
                .containsExactly("C 200.00 2026-12-01 TRANSFERRED_IN:rep-1>rep-9");
    }

    @Test
    void stageAndCategoryAtAsOfSelectTheRowsNotTheTotalsAndBothSort() {
        // at Dec 20: E advanced into Best Case; B and C were opened in it
        PipelineInspection bestCase = inspect("org", Set.of(), null, "BEST_CASE", null, 0, 50);
        assertThat(bestCase.items()).extracting(InspectedDeal::dealId).containsExactly("E", "C", "B");
        assertThat(bestCase.totalItems()).isEqualTo(3);
        assertThat(totals(bestCase)).hasSize(8);
        // the stage E left is no longer its stage; case aside
        assertThat(inspect("org", Set.of(), "stage best_case", null, null, 0, 50).items())
                .extracting(InspectedDeal::dealId).containsExactly("C", "B");
        assertThat(inspect("org", Set.of(), "Evaluation", "BEST_CASE", null, 0, 50).items())
                .extracting(InspectedDeal::dealId).containsExactly("E");
        assertThat(inspect("org", Set.of(), "Evaluation", "COMMIT", null, 0, 50).items()).isEmpty();

        // categories in text order, ties by deal id (ascending in either direction): BEST_CASE B C E, CLOSED D (won),
        // COMMIT F, OMITTED H (lost), PIPELINE A; stages descending: Stage PIPELINE A, Stage COMMIT F, Stage BEST_CASE B C, ...
        assertThat(inspect("org", Set.of(), "forecastCategory,asc", 0, 50).items()).extracting(InspectedDeal::dealId)
                .containsExactly("B", "C", "E", "D", "F", "H", "A");
        assertThat(inspect("org", Set.of(), "stage,desc", 0, 3).items()).extracting(InspectedDeal::dealId)
                .containsExactly("A", "F", "B");
    }

    @Test
    void namesAreLookedUpForThePageOnlyUnlessTheyAreTheOrder() {
        FigureContext ctx = context("FY2026-Q4", "2026-12-20");
        Map<String, String> known = Map.of("A", "Zeta", "B", "alpha", "C", "Mid", "E", "Beta");
        List<List<String>> asked = new ArrayList<>();
        DealNames names = ids -> {
            asked.add(List.copyOf(ids));
            return known.entrySet().stream().filter(e -> ids.contains(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        };
        PipelineInspection page = PipelineInspection.of(DEALS, ctx, new InspectionQuery(at("2026-10-01"), Set.of(),
                InspectionSort.DEFAULT, 0, 2), names);
        assertThat(page.items()).extracting(InspectedDeal::dealId, InspectedDeal::name)
                .containsExactly(tuple("E", "Beta"), tuple("D", null));
        assertThat(asked).containsExactly(List.of("E", "D"));

        asked.clear();
        // by name, in String order (capitals first); deals without a name last, by id
        PipelineInspection byName = PipelineInspection.of(DEALS, ctx, new InspectionQuery(at("2026-10-01"),
                Set.of(), InspectionSort.parse("sort", "name,asc"), 0, 50), names);
        assertThat(byName.items()).extracting(InspectedDeal::dealId)
                .containsExactly("E", "C", "A", "B", "D", "F", "H");
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)).hasSize(7);
    }

    @Test
    void kindsSelectTheRowsNotTheTotalsAndPagesAreCutFromTheSortedRows() {
        PipelineInspection pushed = inspect("org", Set.of(ChangeKind.PUSHED_OUT, ChangeKind.REOPENED), "closeDate,asc",
                0, 50);
        assertThat(pushed.items()).extracting(InspectedDeal::dealId).containsExactly("A", "B");
        assertThat(pushed.totalItems()).isEqualTo(2);
        assertThat(totals(pushed)).hasSize(8);

        assertThat(inspect("org", Set.of(), null, 1, 3).items()).extracting(InspectedDeal::dealId)
                .containsExactly("B", "A", "H");
        assertThat(inspect("org", Set.of(), "amount,asc", 2, 3).items()).extracting(InspectedDeal::dealId)
                .containsExactly("E");
        assertThat(inspect("org", Set.of(), null, 3, 3).items()).isEmpty();
    }

    @Test
    void stagesAreOrderedByTheDealsOwnMovesThenByTheirCategories() {
        // Qualified and Business case share a category: only the deal's own advance orders them
        DealHistory moved = opened("S1", "2026-09-01", "10", "2026-11-01", "PIPELINE")
                .advance("2026-09-05", "Business case", "PIPELINE").regress("2026-09-07", stageOf("PIPELINE"), "PIPELINE")
                .advance("2026-10-05", "Business case", "PIPELINE").history();
        FigureContext ctx = context("FY2026-Q4", "2026-12-20");
        InspectionQuery query = new InspectionQuery(at("2026-10-01"), Set.of(), InspectionSort.DEFAULT, 0, 50);

        assertThat(PipelineInspection.of(List.of(moved), ctx, query).items().get(0).changes())
                .containsExactly(new InspectedDeal.Change(ChangeKind.STAGE_FORWARD, "Stage PIPELINE", "Business case"));
        PipelineInspection back = PipelineInspection.of(List.of(opened("S3", "2026-09-01", "10", "2026-11-01",
                "COMMIT").regress("2026-10-05", "Evaluation", "BEST_CASE").history()), ctx, query);
        assertThat(back.items().get(0).changes()).extracting(InspectedDeal.Change::kind)
                .containsExactly(ChangeKind.STAGE_BACK, ChangeKind.CATEGORY_CHANGED);
    }
}
