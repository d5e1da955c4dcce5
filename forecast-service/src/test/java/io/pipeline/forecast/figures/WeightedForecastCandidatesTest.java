package io.pipeline.forecast.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.index.DealIndex;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The weighted forecast looks back at the periods before the asked one: handed only the deals of the stretch from
 * the oldest of them to the asked period's end ({@code DealIndex.concerningSince}) instead of every deal, it gives
 * the same figure, for random deals, periods, lookbacks, scopes and instants.
 */
class WeightedForecastCandidatesTest {

    @Test
    void theDealsOfTheLookedAtStretchGiveTheSameWeightedForecastAsEveryDeal() {
        Random random = new Random(31);
        for (int trial = 0; trial < 40; trial++) {
            List<DealEvent> events = new ArrayList<>();
            FigureInvariantsRandomizedTest.randomDeals(random, 30).forEach(deal -> events.addAll(deal.events()));
            DealIndex index = new DealIndex();
            events.forEach(index::add);
            List<DealHistory> every = DealHistory.of(events);
            for (String period : List.of("FY2026-Q3", "FY2026-Q4", "FY2027-Q1", "FY2026-M08", "FY2026-M11")) {
                for (String scope : List.of("org", "team:team-1", "rep:rep-2")) {
                    Instant asOf = Instant.parse("2026-05-01T00:00:00Z")
                            .plus(Duration.ofHours(random.nextInt(400 * 24)));
                    int lookback = 1 + random.nextInt(4);
                    FigureContext ctx = context(period, scope, asOf);
                    LocalDate from = WeightedForecast.lookbackPeriods(ctx, lookback).get(0).start();

                    assertThat(WeightedForecast.of(index.concerningSince(from, ctx), ctx, lookback))
                            .as("trial %d %s %s as of %s, lookback %d", trial, period, scope, asOf, lookback)
                            .isEqualTo(WeightedForecast.of(every, context(period, scope, asOf), lookback));
                }
            }
        }
    }

    private static FigureContext context(String period, String scope, Instant asOf) {
        return FigureContext.of(DealScript.CALENDAR.parse("period", period), Scope.parse("scope", scope), asOf,
                ZoneOffset.UTC, DealScript.CALENDAR, Hierarchy.NONE, ConversionRates.none("USD"));
    }
}
