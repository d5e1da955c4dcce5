package io.pipeline.forecast.figures;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 17 (seed 002, "Diagnose Well"): an explained verdict with the figures that decide it, not a score.
 * A pipeline problem when coverage is below the coverage the close rate requires (1 / close rate over the lookback
 * periods); a conversion problem when that close rate is below 33%, located where conversion drops most between
 * the forecast categories of the deals closed in those periods (top: Pipeline to Best Case, middle: Best Case to
 * Commit, bottom: Commit to won), with losses to no decision against losses to competition; neither, with the
 * expected result (the weighted forecast) below the quota: a capacity problem.
 */
public record Diagnosis(Basis basis, List<String> verdicts, List<Finding> findings, Evidence evidence) {

    public static final BigDecimal RULE_OF_THUMB_CLOSE_RATE = new BigDecimal("0.33");

    public record Finding(String kind, String explanation) {
    }

    /**
     * @param coverage          (Best Case + Commit + Closed won) / quota of the period now; null without a quota
     * @param won               won over the lookback periods (amount), lost the losses by reason
     * @param reachedPipeline   amount of the lookback periods' closed deals that were ever in Pipeline or beyond
     * @param reachedBestCase   ... in Best Case or beyond; reachedCommit in Commit or beyond
     * @param expected          the weighted forecast of the period (null without history)
     */
    public record Evidence(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quota,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal coverage,
                           Measure won, Measure lostToCompetition, Measure lostToNoDecision, Measure lostOther,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal reachedPipeline,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal reachedBestCase,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal reachedCommit,
                           Measure slipped, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal expected) {

        public BigDecimal closeRate() {
            return Ratio.divide(won.amount(), won.amount().add(lostToCompetition.amount())
                    .add(lostToNoDecision.amount()).add(lostOther.amount()));
        }

        public BigDecimal requiredCoverage() {
            BigDecimal all = won.amount().add(lostToCompetition.amount()).add(lostToNoDecision.amount())
                    .add(lostOther.amount());
            return Ratio.divide(all, won.amount());
        }

        public BigDecimal topConversion() {
            return Ratio.divide(reachedBestCase, reachedPipeline);
        }

        public BigDecimal middleConversion() {
            return Ratio.divide(reachedCommit, reachedBestCase);
        }

        public BigDecimal bottomConversion() {
            return Ratio.divide(won.amount(), reachedCommit);
        }
    }

    public static Diagnosis of(Basis basis, Evidence e) {
        List<Finding> findings = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        BigDecimal required = e.requiredCoverage();
        if (e.coverage() != null && required != null && e.coverage().compareTo(required) < 0) {
            verdicts.add("PIPELINE_PROBLEM");
            findings.add(new Finding("PIPELINE_PROBLEM", "coverage " + e.coverage() + "x is below the " + required
                    + "x the close rate requires: build pipeline (more qualified opportunities), or the number will"
                    + " not be made whatever the conversion"));
        }
        BigDecimal closeRate = e.closeRate();
        if (closeRate != null && closeRate.compareTo(RULE_OF_THUMB_CLOSE_RATE) < 0) {
            verdicts.add("CONVERSION_PROBLEM");
            findings.add(new Finding("CONVERSION_PROBLEM", "close rate " + closeRate + " is below the 33% rule of"
                    + " thumb; " + where(e) + "; " + losses(e)));
        }
        if (verdicts.isEmpty() && e.quota() != null && e.expected() != null
                && e.expected().compareTo(e.quota()) < 0) {
            verdicts.add("CAPACITY_PROBLEM");
            findings.add(new Finding("CAPACITY_PROBLEM", "coverage and conversion are sound, yet the expected "
                    + e.expected() + " is below the quota " + e.quota() + ": too few sellers for the number"));
        }
        if (verdicts.isEmpty() && e.quota() == null) {
            // nothing to measure coverage or the expected result against: "on track" would be a guess
            verdicts.add("NO_QUOTA");
            findings.add(new Finding("NO_QUOTA", "no quota is set for this period and scope, so neither coverage nor"
                    + " capacity can be judged: set the scope's quota in the sales plan"));
        }
        if (verdicts.isEmpty()) {
            verdicts.add("ON_TRACK");
            findings.add(new Finding("ON_TRACK", "no pipeline, conversion or capacity problem in the figures"));
        }
        if (e.slipped().count() > 0) {
            findings.add(new Finding("SLIPPAGE", e.slipped().count() + " deals (" + e.slipped().amount()
                    + ") slipped out of the period: check close dates in pipeline inspection"));
        }
        return new Diagnosis(basis, List.copyOf(verdicts), List.copyOf(findings), e);
    }

    /** The weakest stretch of the funnel and the seed's remedy for it. */
    private static String where(Evidence e) {
        BigDecimal top = e.topConversion();
        BigDecimal middle = e.middleConversion();
        BigDecimal bottom = e.bottomConversion();
        String at = "top";
        BigDecimal lowest = top;
        if (middle != null && (lowest == null || middle.compareTo(lowest) < 0)) {
            at = "middle";
            lowest = middle;
        }
        if (bottom != null && (lowest == null || bottom.compareTo(lowest) < 0)) {
            at = "bottom";
            lowest = bottom;
        }
        if (lowest == null) {
            return "no closed deal shows where conversion drops";
        }
        return "conversion drops most at the " + at + " of the funnel (" + lowest + ": " + switch (at) {
            case "top" -> "Pipeline to Best Case; work on business value content";
            case "middle" -> "Best Case to Commit; work on differentiation and validation";
            default -> "Commit to won; work on negotiation and removing roadblocks";
        } + ")";
    }

    private static String losses(Evidence e) {
        int mix = e.lostToNoDecision().amount().compareTo(e.lostToCompetition().amount());
        return mix > 0 ? "losses to no decision (" + e.lostToNoDecision().amount() + ") outweigh those to competition ("
                + e.lostToCompetition().amount() + "): qualification or value"
                : mix < 0 ? "losses to competition (" + e.lostToCompetition().amount() + ") outweigh those to no decision ("
                + e.lostToNoDecision().amount() + "): differentiation" : "losses to no decision and to competition weigh the same";
    }

    /** Amounts of the closed deals that reached Pipeline, Best Case, Commit or beyond: [pipeline, bestCase, commit]. */
    public static BigDecimal[] reached(List<DealHistory> deals, FigureContext ctx) {
        BigDecimal[] reached = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        java.time.Instant end = ctx.periodEnd().isBefore(ctx.asOf()) ? ctx.periodEnd().minusNanos(1) : ctx.asOf();
        for (DealHistory deal : deals) {
            DealState last = deal.stateAt(end);
            if (last == null || !(last.won() || last.lost()) || !ctx.inScope(last)
                    || !ctx.period().contains(last.closeDate())) {
                continue;
            }
            int highest = last.won() ? 2 : -1;
            for (DealEvent event : deal.asOf(end)) {
                String category = event.after() == null ? null : event.after().forecastCategory();
                highest = Math.max(highest, DealState.COMMIT.equals(category) ? 2
                        : DealState.BEST_CASE.equals(category) ? 1 : DealState.PIPELINE.equals(category) ? 0 : -1);
            }
            BigDecimal amount = Measure.orZero(ctx.amount(deal.opportunityId(), last));
            for (int i = 0; i <= highest; i++) {
                reached[i] = reached[i].add(amount);
            }
        }
        return reached;
    }
}
