package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Figure 15, by count (leads carry no amount). The cohort is the leads in scope (as of t) whose first event
 * happened in the period. A lead reached a funnel stage at its first event in that stage or a later one (a lead
 * that skipped MQL still passed it); it reached Won when the opportunity it converted into stood closed won at t.
 * Each step gives how many of the cohort reached the stage, the conversion from the stage before
 * (reached this / reached the one before) and the time from the stage before, over the leads that reached both.
 */
public record LeadFunnel(Basis basis, List<Step> steps) {

    public static final List<String> STAGES = List.of("LEAD", "MQL", "SQL", "SAL", "OPPORTUNITY", "WON");

    public record Step(String stage, long reached, BigDecimal conversionFromPrevious, DurationStats timeFromPrevious) {
    }

    public record LeadHistory(String leadId, List<LeadStep> steps) {

        public LeadHistory {
            steps = steps.stream().sorted(Comparator.comparingLong(LeadStep::sequence)).toList();
        }

        public static List<LeadHistory> of(Collection<LeadStep> steps) {
            return DealHistory.group(steps, LeadStep::leadId, LeadHistory::new);
        }
    }

    public static LeadFunnel of(List<LeadHistory> leads, List<DealHistory> deals, FigureContext ctx) {
        Map<String, DealHistory> dealsById = deals.stream()
                .collect(Collectors.toMap(DealHistory::opportunityId, d -> d));
        Accumulator funnel = new Accumulator();
        for (LeadHistory lead : leads) {
            funnel.add(reachedAt(lead.steps(), dealsById::get, ctx));
        }
        return funnel.result(ctx);
    }

    /**
     * One lead's part in the funnel: when it first reached each stage as of t (null where it never did), or null
     * when it is not in the cohort (not in scope as of t, or its first event is not in the period).
     *
     * @param steps the lead's events in sequence order, all of them (those after t are left out here)
     * @param deals the deal's history by opportunity id (null when unknown), for the Won stage
     */
    public static Instant[] reachedAt(List<LeadStep> steps, Function<String, DealHistory> deals, FigureContext ctx) {
        List<LeadStep> known = steps.stream().filter(s -> !s.occurredAt().isAfter(ctx.asOf())).toList();
        if (known.isEmpty() || !ctx.inScope(known.get(known.size() - 1))
                || !StageVelocity.inPeriod(ctx, known.get(0).occurredAt())) {
            return null;
        }
        Instant[] at = new Instant[STAGES.size()];
        at[0] = known.get(0).occurredAt();
        String opportunityId = null;
        for (LeadStep step : known) {
            int rank = rank(step.state());
            for (int i = 1; i <= rank; i++) {
                if (at[i] == null) {
                    at[i] = step.occurredAt();
                }
            }
            opportunityId = step.opportunityId() != null ? step.opportunityId() : opportunityId;
        }
        DealHistory deal = opportunityId == null ? null : deals.apply(opportunityId);
        if (deal != null && at[4] != null) {
            DealState now = deal.stateAt(ctx.asOf());
            if (now != null && now.won()) {
                // the latest win known at t (a reopened deal may have won twice): from the end, building few events
                List<DealEvent> events = deal.asOf(ctx.asOf());
                for (int i = events.size() - 1; i >= 0 && at[5] == null; i--) {
                    if (events.get(i).kind() == DealEvent.Kind.CLOSED_WON) {
                        at[5] = events.get(i).occurredAt();
                    }
                }
            }
        }
        return at;
    }

    /**
     * Adds up the leads' {@link #reachedAt} into the funnel: counts per stage and the seconds between stages, so
     * that what it holds grows with the cohort only (never with the leads outside it).
     */
    public static final class Accumulator {

        private final long[] reached = new long[STAGES.size()];
        private final long[][] seconds = new long[STAGES.size()][];
        private final int[] timed = new int[STAGES.size()];

        /** @param reachedAt one lead's {@link #reachedAt}; null (not in the cohort) adds nothing */
        public void add(Instant[] reachedAt) {
            if (reachedAt == null) {
                return;
            }
            for (int i = 0; i < STAGES.size(); i++) {
                if (reachedAt[i] == null) {
                    continue;
                }
                reached[i]++;
                if (i > 0 && reachedAt[i - 1] != null) {
                    addSeconds(i, Duration.between(reachedAt[i - 1], reachedAt[i]).toSeconds());
                }
            }
        }

        private void addSeconds(int stage, long value) {
            long[] values = seconds[stage];
            if (values == null || timed[stage] == values.length) {
                values = Arrays.copyOf(values == null ? new long[0] : values, Math.max(16, timed[stage] * 2));
                seconds[stage] = values;
            }
            values[timed[stage]++] = value;
        }

        public LeadFunnel result(FigureContext ctx) {
            List<Step> result = new ArrayList<>();
            for (int i = 0; i < STAGES.size(); i++) {
                if (i == 0) {
                    result.add(new Step(STAGES.get(i), reached[i], null, null));
                    continue;
                }
                long[] sorted = seconds[i] == null ? new long[0] : Arrays.copyOf(seconds[i], timed[i]);
                Arrays.sort(sorted);
                result.add(new Step(STAGES.get(i), reached[i],
                        Ratio.divide(BigDecimal.valueOf(reached[i]), BigDecimal.valueOf(reached[i - 1])),
                        DurationStats.ofSortedSeconds(sorted, sorted.length)));
            }
            return new LeadFunnel(ctx.basis(), result);
        }
    }

    private static int rank(String state) {
        return switch (state) {
            case "MQL" -> 1;
            case "SQL" -> 2;
            case "SAL" -> 3;
            case "CONVERTED" -> 4;
            default -> 0;
        };
    }
}
