package io.pipeline.forecast.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.index.DealIndex;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lead funnel the index answers ({@code LeadIndex.funnel}: only the leads whose first event can fall in the
 * period, read from their snapshots, the converted deals looked up by id) is only a faster way to the pure figure:
 * over random leads (moving between reps, teams, regions and segments, converting into random deals some of which
 * are won, business times not always in sequence order, events arriving shuffled and some twice), for every scope,
 * quarters and months, now and as of random instants, it equals {@link LeadFunnel#of} over the plain histories.
 */
class LeadIndexRandomizedTest {

    static final List<String> PERIODS = List.of("FY2026-Q2", "FY2026-Q3", "FY2026-Q4", "FY2026-M05", "FY2026-M07",
            "FY2026-M09", "FY2026-M11");
    static final List<String> SCOPES = List.of("org", "region:region-0", "region:region-1", "team:team-0",
            "team:team-1", "team:team-2", "rep:rep-0", "rep:rep-1", "rep:rep-2", "rep:rep-3", "segment:SMB",
            "segment:ENTERPRISE");
    static final List<String> STATES = List.of("NURTURING", "MQL", "SQL", "SAL", "CONVERTED", "REJECTED",
            "DISQUALIFIED");
    /** The org set through the API names some reps and teams, not all: the others keep what their events say. */
    static final Hierarchy HIERARCHY = new Hierarchy(Map.of("rep-0", "team-2", "rep-3", "team-0"),
            Map.of("team-0", "region-1", "team-2", "region-0"));

    @Test
    void theIndexedFunnelEqualsThePureFunnelForEveryScopeAndInstant() {
        Random random = new Random(1415);
        for (int trial = 0; trial < 60; trial++) {
            List<DealScript> scripts = FigureInvariantsRandomizedTest.randomDeals(random, 10);
            DealIndex index = new DealIndex();
            List<DealEvent> dealEvents = new ArrayList<>();
            scripts.forEach(script -> dealEvents.addAll(script.events()));
            dealEvents.forEach(index::add);
            List<DealHistory> deals = DealHistory.of(dealEvents);

            List<LeadStep> arrival = new ArrayList<>();
            for (int lead = 0; lead < 25; lead++) {
                arrival.addAll(randomLead(random, "L" + lead, scripts.size()));
            }
            // a re-delivered copy of some events, and in any order: the first of a lead's sequence stays
            for (int copy = random.nextInt(8); copy > 0; copy--) {
                arrival.add(arrival.get(random.nextInt(arrival.size())));
            }
            Collections.shuffle(arrival, random);
            Map<String, LeadStep> firstOfEachSequence = new LinkedHashMap<>();
            arrival.forEach(step -> firstOfEachSequence.putIfAbsent(step.leadId() + "#" + step.sequence(), step));
            List<LeadFunnel.LeadHistory> plain = LeadFunnel.LeadHistory.of(firstOfEachSequence.values());

            // half arrives before the first query, half after: a query must see the later appends
            arrival.subList(0, arrival.size() / 2).forEach(index.leads()::add);
            index.leads().funnel(context("FY2026-Q3", "org", Instant.parse("2026-12-31T00:00:00Z")), index::history);
            arrival.subList(arrival.size() / 2, arrival.size()).forEach(index.leads()::add);

            List<Instant> instants = List.of(Instant.parse("2027-06-01T00:00:00Z"),
                    Instant.parse("2026-04-01T00:00:00Z").plus(Duration.ofHours(random.nextInt(300 * 24))),
                    Instant.parse("2026-04-01T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(300 * 24 * 60))));
            for (String period : PERIODS) {
                for (String scope : SCOPES) {
                    for (Instant asOf : instants) {
                        LeadFunnel fast = index.leads().funnel(context(period, scope, asOf), index::history);
                        LeadFunnel pure = LeadFunnel.of(plain, deals, context(period, scope, asOf));
                        assertThat(fast).as("trial %d %s %s as of %s", trial, period, scope, asOf).isEqualTo(pure);
                    }
                }
            }
            assertThat(index.leads().eventCount()).isEqualTo(firstOfEachSequence.size());
        }
    }

    @Test
    void aLeadIsInTheCohortOfThePeriodOfItsFirstEventAsOfTheInstantNotOfItsEarliestTime() {
        DealIndex index = new DealIndex();
        // sequence 0 in July, sequence 1 dated earlier (June): by sequence the lead starts in July (Q3)
        index.leads().add(new LeadStep("L", 0, DealScript.at("2026-07-02"), "CAPTURED", "rep-1", "team-1",
                "region-1", "SMB", null));
        index.leads().add(new LeadStep("L", 1, DealScript.at("2026-06-20"), "MQL", "rep-1", "team-1", "region-1",
                "SMB", null));
        Instant end = Instant.parse("2026-12-31T00:00:00Z");

        assertThat(index.leads().funnel(context("FY2026-Q3", "org", end), index::history).steps().get(0).reached())
                .isEqualTo(1);
        assertThat(index.leads().funnel(context("FY2026-Q2", "org", end), index::history).steps().get(0).reached())
                .isZero();
        // as of June 25th only the June event was known: then it started in Q2
        Instant june = Instant.parse("2026-06-25T00:00:00Z");
        assertThat(index.leads().funnel(context("FY2026-Q2", "org", june), index::history).steps())
                .extracting(LeadFunnel.Step::reached).containsExactly(1L, 1L, 0L, 0L, 0L, 0L);
    }

    /** A lead captured in 2026 going through random states, placed and moved among a few reps, teams, regions. */
    static List<LeadStep> randomLead(Random random, String id, int deals) {
        List<LeadStep> steps = new ArrayList<>();
        Instant at = Instant.parse("2026-03-15T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(250 * 24 * 60)));
        String rep = "rep-" + random.nextInt(4);
        String team = "team-" + random.nextInt(3);
        String region = "region-" + random.nextInt(2);
        String segment = random.nextBoolean() ? "SMB" : "ENTERPRISE";
        steps.add(new LeadStep(id, 0, at, "CAPTURED", rep, team, region, segment, null));
        for (int sequence = 1; sequence <= random.nextInt(6); sequence++) {
            // mostly later, sometimes dated before the previous event (a late entry, a clock)
            at = at.plus(Duration.ofMinutes(random.nextInt(10) == 0 ? -random.nextInt(5 * 24 * 60)
                    : random.nextInt(30 * 24 * 60)));
            if (random.nextInt(4) == 0) {
                rep = "rep-" + random.nextInt(4);
                team = "team-" + random.nextInt(3);
            }
            if (random.nextInt(8) == 0) {
                region = "region-" + random.nextInt(2);
                segment = random.nextBoolean() ? "SMB" : "ENTERPRISE";
            }
            String state = STATES.get(random.nextInt(STATES.size()));
            String opportunity = state.equals("CONVERTED") ? "D" + random.nextInt(deals + 2) : null;
            steps.add(new LeadStep(id, sequence, at, state, rep, team, region, segment, opportunity));
        }
        return steps;
    }

    private static FigureContext context(String period, String scope, Instant asOf) {
        return FigureContext.of(DealScript.CALENDAR.parse("period", period), Scope.parse("scope", scope), asOf,
                ZoneOffset.UTC, DealScript.CALENDAR, HIERARCHY, ConversionRates.none("USD"));
    }
}
