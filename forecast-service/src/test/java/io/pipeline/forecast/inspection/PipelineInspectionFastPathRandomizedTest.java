package io.pipeline.forecast.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.forecast.figures.ConversionRates;
import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealHistory;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.forecast.index.DealIndex;
import io.pipeline.platform.period.FiscalCalendar;
import io.pipeline.platform.period.Period;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The inspection read straight from the index's columns (and the same code over plain histories) answers exactly
 * what the first, straightforward inspection answers ({@link StraightforwardInspection}: every history folded to
 * both instants, a row per deal, a full sort), over random histories (stage jumps both ways, overrides, pushes and
 * pulls, amounts and currencies without a rate, reassignments across teams and regions the organisation overrides,
 * closes and reopens, back-dated events, events arriving out of order and twice), scopes, periods, changedSince
 * and asOf instants (some exactly on an event), kinds, stage and category filters, sorts and pages.
 */
class PipelineInspectionFastPathRandomizedTest {

    static final FiscalCalendar CALENDAR = new FiscalCalendar(1);
    static final String[][] STAGES = {{"Prospecting", "PIPELINE"}, {"Qualification", "PIPELINE"},
            {"Proposal", "BEST_CASE"}, {"Evaluation", "BEST_CASE"}, {"Negotiation", "COMMIT"},
            {"Signature", "COMMIT"}};
    static final String[] CATEGORIES = {"PIPELINE", "BEST_CASE", "COMMIT", "OMITTED"};
    static final String[] SEGMENTS = {"SMB", "MID_MARKET", "ENTERPRISE"};
    /** GBP has no rate: its deals have no amount and are listed as unconverted. */
    static final String[] CURRENCIES = {"USD", "USD", "EUR", "GBP"};
    static final ConversionRates RATES = ConversionRates.none("USD")
            .with("EUR", LocalDate.parse("2026-01-01"), new BigDecimal("1.1"))
            .with("EUR", LocalDate.parse("2026-10-15"), new BigDecimal("1.17"));
    /** rep-5 moved to team-0 and team-2 to region-0 in the organisation, whatever their deals' events say. */
    static final Hierarchy HIERARCHY = new Hierarchy(Map.of("rep-5", "team-0"), Map.of("team-2", "region-0"));
    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void theFastInspectionEqualsTheStraightforwardOneOverRandomHistoriesAndQuestions() {
        Random random = new Random(1415);
        Set<ChangeKind> kindsSeen = EnumSet.noneOf(ChangeKind.class);
        Set<InspectionSort.Field> sortsSeen = EnumSet.noneOf(InspectionSort.Field.class);
        int unconverted = 0;
        int rowsSeen = 0;
        long mostRows = 0;
        for (int trial = 0; trial < 400; trial++) {
            int dealCount = 1 + random.nextInt(trial % 4 == 0 ? 400 : 80);
            List<DealEvent> all = new ArrayList<>();
            for (int d = 0; d < dealCount; d++) {
                all.addAll(randomDeal(random, "D" + d));
            }
            // every other trial's index scanned in slices at once (as a large org's is), each with its own tally
            DealIndex index = trial % 2 == 0 ? new DealIndex() : new DealIndex(1 + random.nextInt(20));
            List<DealEvent> arrival = new ArrayList<>(all);
            Collections.shuffle(arrival, random);
            arrival.forEach(index::add);
            // a re-delivered event changes nothing
            arrival.subList(0, arrival.size() / 10).forEach(index::add);
            List<DealHistory> plain = DealHistory.of(all);
            Map<String, String> knownNames = names(random, dealCount);
            DealNames names = ids -> {
                Map<String, String> found = new HashMap<>();
                ids.forEach(id -> {
                    if (knownNames.containsKey(id)) {
                        found.put(id, knownNames.get(id));
                    }
                });
                return found;
            };

            Instant asOf = random.nextInt(4) == 0 ? all.get(random.nextInt(all.size())).occurredAt()
                    : START.plus(Duration.ofMinutes((60 + random.nextInt(200)) * 24 * 60 + random.nextInt(24 * 60)));
            Instant changedSince = changedSince(random, all, asOf);
            Period period = CALENDAR.parse("period",
                    List.of("FY2026-Q3", "FY2026-Q4", "FY2026-M11", "FY2027-Q1").get(random.nextInt(4)));
            Scope scope = Scope.parse("scope", List.of("org", "org", "region:region-0", "region:region-1",
                    "team:team-0", "team:team-2", "rep:rep-" + random.nextInt(6), "segment:SMB").get(random.nextInt(8)));
            InspectionQuery query = randomQuery(random, changedSince);
            sortsSeen.add(query.sort().field());

            PipelineInspection expected = StraightforwardInspection.of(plain, context(period, scope, asOf), query,
                    names);
            String question = "trial " + trial + ": " + period.id() + " " + scope + " " + changedSince + " -> "
                    + asOf + " " + query;
            assertThat(PipelineInspection.of(index, context(period, scope, asOf), query, names)).as(question)
                    .isEqualTo(expected);
            assertThat(PipelineInspection.of(plain, context(period, scope, asOf), query, names)).as(question)
                    .isEqualTo(expected);

            expected.totals().stream().filter(total -> total.count() > 0).forEach(total -> kindsSeen.add(total.kind()));
            unconverted += expected.basis().unconverted().size();
            rowsSeen += expected.items().size();
            mostRows = Math.max(mostRows, expected.totalItems());
        }
        // the random questions reach every kind of change, every order, deals without a rate, rows, and inspections
        // large enough for a first page to be cut from the top rows only
        assertThat(kindsSeen).hasSize(ChangeKind.values().length);
        assertThat(sortsSeen).hasSize(InspectionSort.Field.values().length);
        assertThat(unconverted).isPositive();
        assertThat(rowsSeen).isGreaterThan(500);
        assertThat(mostRows).isGreaterThan(100);
    }

    @Test
    void aPageCutFromTheTopRowsIsThePageCutFromAllRowsSorted() {
        Random random = new Random(7);
        Comparator<Integer> order = Comparator.comparing((Integer i) -> i % 17).thenComparing(i -> i);
        for (int trial = 0; trial < 500; trial++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = random.nextInt(400); i > 0; i--) {
                rows.add(random.nextInt(10_000));
            }
            rows = new ArrayList<>(new TreeSet<>(rows));
            Collections.shuffle(rows, random);
            int size = 1 + random.nextInt(30);
            long first = (long) random.nextInt(6) * size;
            List<Integer> sorted = rows.stream().sorted(order).toList();
            List<Integer> expected = first >= sorted.size() ? List.of()
                    : sorted.subList((int) first, (int) Math.min(sorted.size(), first + size));
            assertThat(PipelineInspection.page(rows, order, first, size)).as("%d rows, from %d, %d", rows.size(),
                    first, size).isEqualTo(expected);
        }
    }

    /** A fresh context per computation: the converter notes the deals it could not convert. */
    private static FigureContext context(Period period, Scope scope, Instant asOf) {
        return FigureContext.of(period, scope, asOf, ZoneOffset.UTC, CALENDAR, HIERARCHY, RATES);
    }

    private static InspectionQuery randomQuery(Random random, Instant changedSince) {
        Set<ChangeKind> kinds = EnumSet.noneOf(ChangeKind.class);
        if (random.nextInt(3) == 0) {
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                kinds.add(ChangeKind.values()[random.nextInt(ChangeKind.values().length)]);
            }
        }
        String stage = random.nextInt(8) == 0 ? STAGES[random.nextInt(STAGES.length)][0].toUpperCase(Locale.ROOT)
                : random.nextInt(8) == 0 ? "Closed won" : null;
        String category = random.nextInt(8) == 0 ? CATEGORIES[random.nextInt(CATEGORIES.length)] : null;
        InspectionSort.Field field = InspectionSort.Field.values()[random.nextInt(InspectionSort.Field.values().length)];
        InspectionSort sort = new InspectionSort(field, random.nextBoolean());
        int size = random.nextInt(4) == 0 ? 1 + random.nextInt(500) : 1 + random.nextInt(8);
        return new InspectionQuery(changedSince, kinds, stage, category, sort,
                random.nextInt(5) < 3 ? 0 : 1 + random.nextInt(3), size);
    }

    /** Names with ties (and case) and deals without one. */
    private static Map<String, String> names(Random random, int dealCount) {
        Map<String, String> names = new HashMap<>();
        String[] choices = {"Acme renewal", "acme renewal", "Zeta", "Beta expansion"};
        for (int d = 0; d < dealCount; d++) {
            if (random.nextInt(4) > 0) {
                names.put("D" + d, choices[random.nextInt(choices.length)]);
            }
        }
        return names;
    }

    /** Mostly up to four months before asOf; sometimes asOf itself, or exactly an earlier event's business time. */
    private static Instant changedSince(Random random, List<DealEvent> events, Instant asOf) {
        int roll = random.nextInt(8);
        if (roll == 0) {
            return asOf;
        }
        if (roll == 1) {
            Instant event = events.get(random.nextInt(events.size())).occurredAt();
            if (!event.isAfter(asOf)) {
                return event;
            }
        }
        return asOf.minus(Duration.ofMinutes(random.nextInt(120 * 24 * 60)));
    }

    private static List<DealEvent> randomDeal(Random random, String id) {
        List<DealEvent> events = new ArrayList<>();
        int rep = random.nextInt(6);
        int stage = random.nextInt(3);
        Instant at = START.plus(Duration.ofMinutes(random.nextInt(200 * 24 * 60)));
        DealState state = new DealState("rep-" + rep, "team-" + rep % 3, "region-" + rep % 2,
                SEGMENTS[random.nextInt(SEGMENTS.length)], amount(random),
                CURRENCIES[random.nextInt(CURRENCIES.length)], date(at).plusDays(random.nextInt(150)),
                STAGES[stage][0], STAGES[stage][1], "OPEN", false);
        events.add(event(id, events.size(), DealEvent.Kind.OPENED, at, state));
        for (int step = random.nextInt(14); step > 0; step--) {
            // now and then a change recorded with an earlier business date than the one before (a back-dated fix)
            at = random.nextInt(12) == 0 ? at.minus(Duration.ofMinutes(random.nextInt(10 * 24 * 60)))
                    : at.plus(Duration.ofMinutes(random.nextInt(12 * 24 * 60)));
            if (state.won()) {
                break;
            }
            DealEvent.Kind kind;
            if (!state.open()) {
                if (random.nextBoolean()) {
                    break;
                }
                stage = random.nextInt(STAGES.length);
                kind = DealEvent.Kind.REOPENED;
                state = with(state, state.ownerId(), state.amount(), state.currency(),
                        date(at).plusDays(random.nextInt(100)), STAGES[stage][0], STAGES[stage][1], "OPEN");
            } else {
                switch (random.nextInt(11)) {
                    case 0, 1 -> {
                        kind = DealEvent.Kind.CLOSE_DATE_CHANGED;
                        state = with(state, state.ownerId(), state.amount(), state.currency(),
                                state.closeDate().plusDays(random.nextInt(90) - 30), state.stage(),
                                state.forecastCategory(), "OPEN");
                    }
                    case 2 -> {
                        kind = DealEvent.Kind.AMOUNT_CHANGED;
                        // sometimes back to the same amount, or a new currency at the same figure
                        BigDecimal amount = random.nextInt(4) == 0 ? new BigDecimal(state.amount().toPlainString())
                                : amount(random);
                        String currency = random.nextInt(4) == 0 ? CURRENCIES[random.nextInt(CURRENCIES.length)]
                                : state.currency();
                        state = with(state, state.ownerId(), amount, currency, state.closeDate(), state.stage(),
                                state.forecastCategory(), "OPEN");
                    }
                    case 3, 4 -> {
                        // a jump of one or more stages either way
                        int to = random.nextInt(STAGES.length);
                        if (to == stage) {
                            continue;
                        }
                        kind = to > stage ? DealEvent.Kind.STAGE_ADVANCED : DealEvent.Kind.STAGE_REGRESSED;
                        stage = to;
                        state = with(state, state.ownerId(), state.amount(), state.currency(), state.closeDate(),
                                STAGES[stage][0], STAGES[stage][1], "OPEN");
                    }
                    case 5 -> {
                        kind = DealEvent.Kind.CATEGORY_OVERRIDDEN;
                        state = with(state, state.ownerId(), state.amount(), state.currency(), state.closeDate(),
                                state.stage(), CATEGORIES[random.nextInt(CATEGORIES.length)], "OPEN");
                    }
                    case 6, 7 -> {
                        kind = DealEvent.Kind.OWNER_REASSIGNED;
                        rep = random.nextInt(6);
                        state = new DealState("rep-" + rep, "team-" + rep % 3, "region-" + rep % 2, state.segment(),
                                state.amount(), state.currency(), state.closeDate(), state.stage(),
                                state.forecastCategory(), "OPEN", state.qualified());
                    }
                    case 8 -> {
                        kind = DealEvent.Kind.CLOSED_WON;
                        state = with(state, state.ownerId(), state.amount(), state.currency(), date(at), "Closed won",
                                "CLOSED", "WON");
                    }
                    case 9 -> {
                        kind = DealEvent.Kind.CLOSED_LOST;
                        state = with(state, state.ownerId(), state.amount(), state.currency(), date(at),
                                "Closed lost", "OMITTED", "LOST");
                    }
                    default -> {
                        kind = DealEvent.Kind.DEFERRED;
                        state = with(state, state.ownerId(), state.amount(), state.currency(), date(at),
                                "Closed deferred", "OMITTED", "DEFERRED");
                    }
                }
            }
            events.add(event(id, events.size(), kind, at, state));
        }
        return events;
    }

    private static DealState with(DealState s, String owner, BigDecimal amount, String currency, LocalDate closeDate,
                                  String stage, String category, String status) {
        return new DealState(owner, s.teamId(), s.regionId(), s.segment(), amount, currency, closeDate, stage,
                category, status, s.qualified() || !"PIPELINE".equals(category));
    }

    private static DealEvent event(String id, int sequence, DealEvent.Kind kind, Instant at, DealState state) {
        return new DealEvent(id, sequence, kind, at, state, kind == DealEvent.Kind.CLOSED_LOST ? "COMPETITION" : null,
                null);
    }

    /** Whole, one- and two-decimal amounts, so conversion rounds some. */
    private static BigDecimal amount(Random random) {
        return BigDecimal.valueOf(100 + random.nextInt(100_000), random.nextInt(3));
    }

    private static LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
