package io.pipeline.forecast.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The close rates of a scope put together from its placements' running sums ({@code CloseRates.PlacedOutcomes},
 * as the index keeps them) equal the same deals added one by one, with teams read through the query's
 * organisation, and a team or segment without a win or loss listed nowhere.
 */
class CloseRatesPlacedTest {

    private static DealState placed(String owner, String team, String segment, String status) {
        return new DealState(owner, team, "emea", segment, new BigDecimal("100.00"), "USD",
                LocalDate.parse("2026-08-15"), "Negotiation", "COMMIT", status, true);
    }

    @Test
    void placementsSumsEqualTheDealsAddedOneByOne() {
        // rep-9 sits in team-b by the organisation, whatever its deals say
        Hierarchy org = new Hierarchy(Map.of("rep-9", "team-b"), Map.of());
        FigureContext ctx = new FigureContext(DealScript.CALENDAR.parse("period", "FY2026-Q3"), Scope.ORG,
                DealScript.at("2026-09-30T00:00:00Z"), java.time.ZoneOffset.UTC, DealScript.CALENDAR, org,
                ConversionRates.none("USD").on(LocalDate.parse("2026-09-30")));
        DealState won = placed("rep-1", "team-a", "SMB", "WON");
        DealState lost = placed("rep-1", "team-a", "SMB", "LOST");
        DealState noDecision = placed("rep-9", "team-x", "ENTERPRISE", "LOST");
        DealState slipped = placed("rep-5", "team-c", "MID_MARKET", "OPEN");
        List<CloseRates.DealOutcome> first = List.of(
                new CloseRates.DealOutcome(won, "WON", new BigDecimal("120.00"), null, false, null),
                new CloseRates.DealOutcome(lost, "COMPETITION", new BigDecimal("80.00"), "Acme", false, null),
                new CloseRates.DealOutcome(won, "WON", null, null, false, null));
        List<CloseRates.DealOutcome> second = List.of(
                new CloseRates.DealOutcome(noDecision, "NO_DECISION", new BigDecimal("55.50"), null, false, null));
        List<CloseRates.DealOutcome> third = List.of(
                new CloseRates.DealOutcome(slipped, null, null, null, true, new BigDecimal("40.00")));

        CloseRates.Accumulator oneByOne = new CloseRates.Accumulator();
        CloseRates.Accumulator byPlacement = new CloseRates.Accumulator();
        for (List<CloseRates.DealOutcome> placement : List.of(first, second, third)) {
            CloseRates.PlacedOutcomes sums = new CloseRates.PlacedOutcomes();
            placement.forEach(deal -> oneByOne.add(deal, ctx));
            placement.forEach(sums::add);
            // a deal added and taken back leaves nothing behind
            CloseRates.DealOutcome passing = new CloseRates.DealOutcome(won, "UNKNOWN", BigDecimal.TEN, null, true,
                    BigDecimal.ONE);
            sums.add(passing);
            sums.remove(passing);
            DealState any = placement.get(0).now();
            byPlacement.addPlaced(sums, org.teamOf(any), any.segment());
        }

        CloseRates expected = oneByOne.result(ctx);
        assertThat(byPlacement.result(ctx)).isEqualTo(expected);
        assertThat(expected.winRateByTeam()).extracting(CloseRates.WinRate::key).containsExactly("team-a");
        assertThat(expected.closeRateByTeam()).extracting(CloseRates.TeamCloseRate::team)
                .containsExactly("team-a", "team-b");
        assertThat(expected.winRateBySegment()).extracting(CloseRates.WinRate::key).containsExactly("SMB");
        assertThat(expected.slipped()).isEqualTo(new Measure(new BigDecimal("40.00"), 1));
        assertThat(expected.won()).isEqualTo(new Measure(new BigDecimal("120.00"), 2));
    }
}
