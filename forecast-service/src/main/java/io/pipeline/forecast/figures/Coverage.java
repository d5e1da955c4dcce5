package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * Figures 2 and 3. Coverage is an amount against the quota, so it exists by amount only (the counts behind it
 * are in {@code totals}).
 *
 * @param coverage                       (Best Case + Commit + Closed won) / quota: the enterprise figure (2)
 * @param coverageOfRemaining            (Best Case + Commit) / (quota - Closed won); null when nothing remains
 * @param coverageWithPipeline           (Pipeline + Best Case + Commit + Closed won) / quota: the SMB figure (3),
 *                                       meant for fiscal months
 * @param coverageWithPipelineOfRemaining (Pipeline + Best Case + Commit) / (quota - Closed won)
 * @param quota                          null when no quota is set for the period and scope (every ratio is then null)
 */
public record Coverage(Basis basis, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quota,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal remainingQuota,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal coverage,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal coverageOfRemaining,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal coverageWithPipeline,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal coverageWithPipelineOfRemaining,
                       CategoryTotals totals) {

    public static Coverage of(CategoryTotals totals, BigDecimal quota) {
        BigDecimal won = totals.total(CategoryTotals.CLOSED_WON).amount();
        BigDecimal bestCaseAndCommit = totals.total(DealState.BEST_CASE).amount()
                .add(totals.total(DealState.COMMIT).amount());
        BigDecimal withPipeline = bestCaseAndCommit.add(totals.total(DealState.PIPELINE).amount());
        BigDecimal remaining = quota == null ? null : quota.subtract(won);
        // a quota already met leaves nothing to cover: no value rather than a negative multiple
        BigDecimal remainingDivisor = remaining == null || remaining.signum() <= 0 ? null : remaining;
        return new Coverage(totals.basis(), quota, remaining,
                Ratio.divide(bestCaseAndCommit.add(won), quota), Ratio.divide(bestCaseAndCommit, remainingDivisor),
                Ratio.divide(withPipeline.add(won), quota), Ratio.divide(withPipeline, remainingDivisor), totals);
    }
}
