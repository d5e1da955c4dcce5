package io.pipeline.forecast.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.pipeline.forecast.figures.Ratio;
import io.pipeline.forecast.plan.ForecastCalls.Call;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 16: forecast accuracy over ended periods. Per caller (a scope's own calls: a rep's, a manager's for the
 * team, a leader's for the region, the CRO's for the org) and period: the first call, the call standing at the
 * period's midpoint and the last call before its end, each as error = Commit call - Closed won of the caller's
 * scope in the period, and relative error = error / Closed won (null without Closed won). Over the periods scored:
 * bias = the mean relative error of the last calls, and their mean absolute relative error. A caller whose last
 * calls were below the actual in every scored period (two at least) sandbags; above in every one: happy ears.
 * Beside the callers, the same for the sum of the reps' last calls (bottom-up) and the weighted forecast at the
 * period's midpoint (top-down), both against the asked scope's Closed won.
 */
public record ForecastAccuracy(String scope, List<String> periods, List<CallerAccuracy> callers,
                               CallerAccuracy bottomUp, CallerAccuracy topDown) {

    public static final String SANDBAGGING = "SANDBAGGING";
    public static final String HAPPY_EARS = "HAPPY_EARS";
    public static final String MIXED = "MIXED";

    /**
     * @param verdict SANDBAGGING, HAPPY_EARS, MIXED, or null with fewer than two scored periods
     */
    public record CallerAccuracy(String scope, List<PeriodScore> periods,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bias,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal meanAbsoluteError,
                                 String verdict) {
    }

    /** A caller's calls of one ended period against what was won; a call missing (none made) is null. */
    public record PeriodScore(String period, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal closedWon,
                              Score first, Score mid, Score last) {
    }

    public record Score(Instant submittedAt, String callerId,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal commit,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal error,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal relativeError) {

        static Score of(Instant at, String callerId, BigDecimal commit, BigDecimal closedWon) {
            BigDecimal error = commit.subtract(closedWon);
            return new Score(at, callerId, commit, error, Ratio.divide(error, closedWon));
        }
    }

    /**
     * One ended period: its bounds, the calls made in it (submitted before its end), the Closed won of every
     * caller's scope, and the weighted forecast of the asked scope at its midpoint (null when it had none).
     */
    public record EndedPeriod(String id, Instant start, Instant end, List<Call> calls,
                              Map<String, BigDecimal> closedWon, BigDecimal topDown) {

        Instant midpoint() {
            return start.plus(Duration.between(start, end).dividedBy(2));
        }
    }

    /** @param callers the scopes scored, in the order shown (the asked scope first, then the levels below) */
    public static ForecastAccuracy of(String scope, List<String> callers, List<EndedPeriod> periods) {
        List<CallerAccuracy> scored = new ArrayList<>();
        for (String caller : callers) {
            List<PeriodScore> scores = new ArrayList<>();
            for (EndedPeriod period : periods) {
                List<Call> own = period.calls().stream().filter(c -> c.scope().equals(caller)
                        && c.submittedAt().isBefore(period.end())).toList();
                if (own.isEmpty()) {
                    continue;
                }
                BigDecimal won = period.closedWon().getOrDefault(caller, BigDecimal.ZERO);
                Call mid = null;
                for (Call call : own) {
                    mid = call.submittedAt().isAfter(period.midpoint()) ? mid : call;
                }
                scores.add(new PeriodScore(period.id(), won, score(own.get(0), won), mid == null ? null
                        : score(mid, won), score(own.get(own.size() - 1), won)));
            }
            if (!scores.isEmpty()) {
                scored.add(summary(caller, scores));
            }
        }
        List<PeriodScore> bottomUp = new ArrayList<>();
        List<PeriodScore> topDown = new ArrayList<>();
        for (EndedPeriod period : periods) {
            BigDecimal won = period.closedWon().getOrDefault(scope, BigDecimal.ZERO);
            Map<String, Call> lastOfRep = new LinkedHashMap<>();
            period.calls().stream().filter(c -> c.scope().startsWith("rep:") && callers.contains(c.scope())
                    && c.submittedAt().isBefore(period.end())).forEach(c -> lastOfRep.put(c.scope(), c));
            if (!lastOfRep.isEmpty() && !scope.startsWith("rep:")) {
                BigDecimal sum = lastOfRep.values().stream().map(Call::commit).reduce(BigDecimal.ZERO, BigDecimal::add);
                bottomUp.add(new PeriodScore(period.id(), won, null, null, Score.of(period.end(), null, sum, won)));
            }
            if (period.topDown() != null) {
                topDown.add(new PeriodScore(period.id(), won, null, null,
                        Score.of(period.midpoint(), null, period.topDown(), won)));
            }
        }
        return new ForecastAccuracy(scope, periods.stream().map(EndedPeriod::id).toList(), List.copyOf(scored),
                bottomUp.isEmpty() ? null : summary(scope, bottomUp), topDown.isEmpty() ? null : summary(scope, topDown));
    }

    private static Score score(Call call, BigDecimal won) {
        return Score.of(call.submittedAt(), call.callerId(), call.commit(), won);
    }

    private static CallerAccuracy summary(String scope, List<PeriodScore> scores) {
        List<BigDecimal> relative = scores.stream().map(s -> s.last().relativeError()).filter(r -> r != null).toList();
        if (relative.isEmpty()) {
            return new CallerAccuracy(scope, List.copyOf(scores), null, null, null);
        }
        BigDecimal n = BigDecimal.valueOf(relative.size());
        BigDecimal bias = relative.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(n, Ratio.SCALE, RoundingMode.HALF_EVEN);
        BigDecimal absolute = relative.stream().map(BigDecimal::abs).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(n, Ratio.SCALE, RoundingMode.HALF_EVEN);
        String verdict = relative.size() < 2 ? null
                : relative.stream().allMatch(r -> r.signum() < 0) ? SANDBAGGING
                : relative.stream().allMatch(r -> r.signum() > 0) ? HAPPY_EARS : MIXED;
        return new CallerAccuracy(scope, List.copyOf(scores), bias, absolute, verdict);
    }
}
