package io.pipeline.forecast.figures;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
        long[] reached = new long[STAGES.size()];
        List<List<Duration>> times = new ArrayList<>();
        STAGES.forEach(s -> times.add(new ArrayList<>()));
        for (LeadHistory lead : leads) {
            List<LeadStep> steps = lead.steps().stream().filter(s -> !s.occurredAt().isAfter(ctx.asOf())).toList();
            if (steps.isEmpty() || !ctx.inScope(steps.get(steps.size() - 1))
                    || !StageVelocity.inPeriod(ctx, steps.get(0).occurredAt())) {
                continue;
            }
            Instant[] reachedAt = reachedAt(steps, dealsById, ctx.asOf());
            for (int i = 0; i < STAGES.size(); i++) {
                if (reachedAt[i] == null) {
                    continue;
                }
                reached[i]++;
                if (i > 0 && reachedAt[i - 1] != null) {
                    times.get(i).add(Duration.between(reachedAt[i - 1], reachedAt[i]));
                }
            }
        }
        List<Step> result = new ArrayList<>();
        for (int i = 0; i < STAGES.size(); i++) {
            result.add(new Step(STAGES.get(i), reached[i], i == 0 ? null
                    : Ratio.divide(BigDecimal.valueOf(reached[i]), BigDecimal.valueOf(reached[i - 1])),
                    i == 0 ? null : DurationStats.of(times.get(i))));
        }
        return new LeadFunnel(ctx.basis(), result);
    }

    /** When the lead first reached each funnel stage (null where it never did, as of t). */
    private static Instant[] reachedAt(List<LeadStep> steps, Map<String, DealHistory> deals, Instant asOf) {
        Instant[] at = new Instant[STAGES.size()];
        at[0] = steps.get(0).occurredAt();
        String opportunityId = null;
        for (LeadStep step : steps) {
            int rank = rank(step.state());
            for (int i = 1; i <= rank; i++) {
                if (at[i] == null) {
                    at[i] = step.occurredAt();
                }
            }
            opportunityId = step.opportunityId() != null ? step.opportunityId() : opportunityId;
        }
        DealHistory deal = opportunityId == null ? null : deals.get(opportunityId);
        if (deal != null && at[4] != null) {
            DealState now = deal.stateAt(asOf);
            if (now != null && now.won()) {
                at[5] = deal.asOf(asOf).stream().filter(e -> e.kind() == DealEvent.Kind.CLOSED_WON)
                        .map(DealEvent::occurredAt).reduce((first, last) -> last).orElse(null);
            }
        }
        return at;
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
