package io.pipeline.forecast.figures;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Figure 10, over the deals in scope as of t and the events up to t.
 *
 * <p>A visit to a stage starts when an open deal enters it (opened in it, moved to it, reopened in it) and ends
 * when the deal leaves it (another stage, or closed won, lost or deferred). Only visits that ended count, each in
 * the period its end falls in. Conversion: of the deals whose first entry into a stage in the period happened
 * in the period, the share that afterwards advanced out of it (a StageAdvanced leaving it) or closed won from it.
 * Category times: from a deal's first instant in Pipeline to its first in Best Case, Best Case to Commit, and
 * Commit to closed won, each counted in the period the later instant falls in (a deal that skipped a category
 * has no time for the transitions touching it).
 */
public record StageVelocity(Basis basis, List<StageTime> stages, List<CategoryTime> categories) {

    public record StageTime(String stage, DurationStats timeInStage, long entered, long advanced,
                            java.math.BigDecimal conversion) {
    }

    public record CategoryTime(String from, String to, DurationStats time) {
    }

    static final List<String> CATEGORY_PATH = List.of(DealState.PIPELINE, DealState.BEST_CASE, DealState.COMMIT,
            CategoryTotals.CLOSED_WON);

    public static StageVelocity of(List<DealHistory> deals, FigureContext ctx) {
        Map<String, List<Duration>> visits = new LinkedHashMap<>();
        Map<String, long[]> conversions = new LinkedHashMap<>();
        Map<String, List<Duration>> categoryTimes = new LinkedHashMap<>();
        for (DealHistory deal : deals) {
            List<DealEvent> events = deal.asOf(ctx.asOf());
            if (events.isEmpty() || !ctx.inScope(events.get(events.size() - 1).after())) {
                continue;
            }
            addVisits(events, ctx, visits, conversions);
            addCategoryTimes(events, ctx, categoryTimes);
        }
        List<StageTime> stages = new ArrayList<>();
        List<String> stageNames = new ArrayList<>(visits.keySet());
        conversions.keySet().stream().filter(s -> !visits.containsKey(s)).forEach(stageNames::add);
        for (String stage : stageNames) {
            long[] converted = conversions.getOrDefault(stage, new long[2]);
            stages.add(new StageTime(stage, DurationStats.of(visits.getOrDefault(stage, List.of())), converted[0],
                    converted[1], Ratio.divide(java.math.BigDecimal.valueOf(converted[1]),
                    java.math.BigDecimal.valueOf(converted[0]))));
        }
        List<CategoryTime> categories = new ArrayList<>();
        for (int i = 0; i + 1 < CATEGORY_PATH.size(); i++) {
            String key = CATEGORY_PATH.get(i) + ">" + CATEGORY_PATH.get(i + 1);
            categories.add(new CategoryTime(CATEGORY_PATH.get(i), CATEGORY_PATH.get(i + 1),
                    DurationStats.of(categoryTimes.getOrDefault(key, List.of()))));
        }
        return new StageVelocity(ctx.basis(), stages, categories);
    }

    private static void addVisits(List<DealEvent> events, FigureContext ctx, Map<String, List<Duration>> visits,
                                  Map<String, long[]> conversions) {
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
                    visits.computeIfAbsent(stage, s -> new ArrayList<>())
                            .add(Duration.between(enteredAt, event.occurredAt()));
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
        enteredInPeriod.forEach((s, advanced) -> {
            long[] counts = conversions.computeIfAbsent(s, k -> new long[2]);
            counts[0]++;
            counts[1] += advanced ? 1 : 0;
        });
    }

    private static void addCategoryTimes(List<DealEvent> events, FigureContext ctx,
                                         Map<String, List<Duration>> categoryTimes) {
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
                categoryTimes.computeIfAbsent(CATEGORY_PATH.get(i) + ">" + CATEGORY_PATH.get(i + 1),
                        k -> new ArrayList<>()).add(Duration.between(from, to));
            }
        }
    }

    static boolean inPeriod(FigureContext ctx, Instant instant) {
        return !instant.isBefore(ctx.periodStart()) && instant.isBefore(ctx.periodEnd());
    }
}
