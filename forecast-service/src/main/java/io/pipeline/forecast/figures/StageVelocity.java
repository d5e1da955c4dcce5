package io.pipeline.forecast.figures;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Figure 10, over the deals in scope as of t and the events up to t.
 *
 * <p>A visit to a stage starts when an open deal enters it (opened in it, moved to it, reopened in it) and ends
 * when the deal leaves it (another stage, or closed won, lost or deferred). Only visits that ended count, each in
 * the period its end falls in. Conversion: of the deals whose first entry into a stage in the period happened
 * in the period, the share that afterwards advanced out of it (a StageAdvanced leaving it) or closed won from it.
 * Category times: from a deal's first instant in Pipeline to its first in Best Case, Best Case to Commit, and
 * Commit to closed won, each counted in the period the later instant falls in (a deal that skipped a category
 * has no time for the transitions touching it). Stages are listed by name.
 */
public record StageVelocity(Basis basis, List<StageTime> stages, List<CategoryTime> categories) {

    public record StageTime(String stage, DurationStats timeInStage, long entered, long advanced,
                            java.math.BigDecimal conversion) {
    }

    public record CategoryTime(String from, String to, DurationStats time) {
    }

    static final List<String> CATEGORY_PATH = List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT,
            CategoryTotals.CLOSED_WON);

    /** A duration in seconds under a key: a stage for a visit, {@code FROM>TO} for a category time. */
    public record Timed(String key, long seconds) {
    }

    /** A stage the deal entered in the period, and whether it advanced out of it (or won from it) afterwards. */
    public record Entry(String stage, boolean advanced) {
    }

    /** What one deal adds to the figure: its finished visits, its entries and its category times in the period. */
    public record DealVelocity(List<Timed> visits, List<Entry> entries, List<Timed> categoryTimes) {
    }

    public static StageVelocity of(List<DealHistory> deals, FigureContext ctx) {
        Accumulator velocity = new Accumulator();
        for (DealHistory deal : deals) {
            velocity.add(contribution(deal, ctx));
        }
        return velocity.result(ctx);
    }

    /** The deal's part in the figure as of t; null when it adds nothing (not in scope, nothing in the period). */
    public static DealVelocity contribution(DealHistory deal, FigureContext ctx) {
        List<DealEvent> events = deal.asOf(ctx.asOf());
        if (events.isEmpty() || !ctx.inScope(events.get(events.size() - 1).after())) {
            return null;
        }
        List<Timed> visits = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        List<Timed> categoryTimes = new ArrayList<>();
        addVisits(events, ctx, visits, entries);
        addCategoryTimes(events, ctx, categoryTimes);
        // compact immutable copies: the index keeps one contribution per deal and kept period
        return visits.isEmpty() && entries.isEmpty() && categoryTimes.isEmpty() ? null
                : new DealVelocity(List.copyOf(visits), List.copyOf(entries), List.copyOf(categoryTimes));
    }

    /**
     * The figure as deals' contributions are added, and taken back when a deal's contribution changes: the one way
     * it is summed, whether over a query's deals or kept running by the index. Stages are listed by name (an order
     * that does not depend on the order deals are read in).
     */
    public static final class Accumulator {

        private final Map<String, SecondsMultiset> visits = new TreeMap<>();
        private final Map<String, long[]> conversions = new TreeMap<>(); // stage -> {entered, advanced}
        private final Map<String, SecondsMultiset> categoryTimes = new HashMap<>();

        public void add(DealVelocity deal) {
            if (deal == null) {
                return;
            }
            deal.visits().forEach(v -> visits.computeIfAbsent(v.key(), k -> new SecondsMultiset()).add(v.seconds()));
            for (Entry entry : deal.entries()) {
                long[] counts = conversions.computeIfAbsent(entry.stage(), k -> new long[2]);
                counts[0]++;
                counts[1] += entry.advanced() ? 1 : 0;
            }
            deal.categoryTimes().forEach(t -> categoryTimes.computeIfAbsent(t.key(), k -> new SecondsMultiset())
                    .add(t.seconds()));
        }

        public void remove(DealVelocity deal) {
            if (deal == null) {
                return;
            }
            deal.visits().forEach(v -> takeBack(visits, v));
            for (Entry entry : deal.entries()) {
                long[] counts = conversions.get(entry.stage());
                counts[0]--;
                counts[1] -= entry.advanced() ? 1 : 0;
                if (counts[0] == 0) {
                    conversions.remove(entry.stage());
                }
            }
            deal.categoryTimes().forEach(t -> takeBack(categoryTimes, t));
        }

        /** A stage or path left with no duration is no longer listed, as if never added. */
        private static void takeBack(Map<String, SecondsMultiset> byKey, Timed timed) {
            SecondsMultiset durations = byKey.get(timed.key());
            durations.remove(timed.seconds());
            if (durations.count() == 0) {
                byKey.remove(timed.key());
            }
        }

        /** Adds the other's durations and counts (the deals of one placement, put together into a scope's). */
        public void addAll(Accumulator other) {
            other.visits.forEach((k, v) -> visits.computeIfAbsent(k, key -> new SecondsMultiset()).addAll(v));
            other.conversions.forEach((k, v) -> {
                long[] counts = conversions.computeIfAbsent(k, key -> new long[2]);
                counts[0] += v[0];
                counts[1] += v[1];
            });
            other.categoryTimes.forEach((k, v) -> categoryTimes.computeIfAbsent(k, key -> new SecondsMultiset())
                    .addAll(v));
        }

        public Accumulator copy() {
            Accumulator copy = new Accumulator();
            visits.forEach((k, v) -> copy.visits.put(k, v.copy()));
            conversions.forEach((k, v) -> copy.conversions.put(k, v.clone()));
            categoryTimes.forEach((k, v) -> copy.categoryTimes.put(k, v.copy()));
            return copy;
        }

        public StageVelocity result(FigureContext ctx) {
            java.util.SortedSet<String> stageNames = new java.util.TreeSet<>(visits.keySet());
            stageNames.addAll(conversions.keySet());
            List<StageTime> stages = new ArrayList<>();
            for (String stage : stageNames) {
                long[] converted = conversions.getOrDefault(stage, new long[2]);
                stages.add(new StageTime(stage, stats(visits.get(stage)), converted[0], converted[1],
                        Ratio.divide(java.math.BigDecimal.valueOf(converted[1]),
                                java.math.BigDecimal.valueOf(converted[0]))));
            }
            List<CategoryTime> categories = new ArrayList<>();
            for (int i = 0; i + 1 < CATEGORY_PATH.size(); i++) {
                String key = CATEGORY_PATH.get(i) + ">" + CATEGORY_PATH.get(i + 1);
                categories.add(new CategoryTime(CATEGORY_PATH.get(i), CATEGORY_PATH.get(i + 1),
                        stats(categoryTimes.get(key))));
            }
            return new StageVelocity(ctx.basis(), stages, categories);
        }

        private static DurationStats stats(SecondsMultiset durations) {
            return durations == null ? DurationStats.ofSortedSeconds(new long[0], 0)
                    : DurationStats.ofSortedSeconds(durations.ascending(), durations.count());
        }
    }

    private static void addVisits(List<DealEvent> events, FigureContext ctx, List<Timed> visits, List<Entry> entries) {
        String stage = null;
        Instant enteredAt = null;
        Map<String, Boolean> enteredInPeriod = new HashMap<>(); // stage -> advanced out of it since
        for (DealEvent event : events) {
            DealState after = event.after();
            String now = after.open() ? after.stage() : null;
            if (Objects.equals(stage, now)) {
                continue;
            }
            if (stage != null) {
                if (inPeriod(ctx, event.occurredAt())) {
                    visits.add(new Timed(stage, Duration.between(enteredAt, event.occurredAt()).toSeconds()));
                }
                boolean advanced = event.kind() == DealEvent.Kind.STAGE_ADVANCED
                        || event.kind() == DealEvent.Kind.CLOSED_WON;
                if (advanced && enteredInPeriod.containsKey(stage)) {
                    enteredInPeriod.put(stage, true);
                }
            }
            if (now != null && inPeriod(ctx, event.occurredAt())) {
                enteredInPeriod.putIfAbsent(now, false);
            }
            stage = now;
            enteredAt = event.occurredAt();
        }
        enteredInPeriod.forEach((s, advanced) -> entries.add(new Entry(s, advanced)));
    }

    private static void addCategoryTimes(List<DealEvent> events, FigureContext ctx, List<Timed> categoryTimes) {
        Map<String, Instant> firstIn = new HashMap<>();
        for (DealEvent event : events) {
            DealState after = event.after();
            String category = after.won() ? CategoryTotals.CLOSED_WON : after.open() ? after.forecastCategory() : null;
            if (category != null) {
                firstIn.putIfAbsent(category, event.occurredAt());
            }
        }
        for (int i = 0; i + 1 < CATEGORY_PATH.size(); i++) {
            Instant from = firstIn.get(CATEGORY_PATH.get(i));
            Instant to = firstIn.get(CATEGORY_PATH.get(i + 1));
            if (from != null && to != null && !to.isBefore(from) && inPeriod(ctx, to)) {
                categoryTimes.add(new Timed(CATEGORY_PATH.get(i) + ">" + CATEGORY_PATH.get(i + 1),
                        Duration.between(from, to).toSeconds()));
            }
        }
    }

    static boolean inPeriod(FigureContext ctx, Instant instant) {
        return !instant.isBefore(ctx.periodStart()) && instant.isBefore(ctx.periodEnd());
    }
}
