package io.pipeline.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a simulation run depends on. The same configuration gives the same events, byte for byte. The
 * defaults and where each comes from are listed in the module's README.
 *
 * @param seed                    the root of every random draw
 * @param start                   business time of the first arrivals (inclusive)
 * @param end                     business time the history stops at (exclusive): later events are not emitted,
 *                                so deals still open then stay open
 * @param org                     regions x teams x reps
 * @param segments                per segment: its share of arrivals, deal sizes and stage durations
 * @param leadsPerRepPerWeek      new leads a week for each rep (Poisson arrivals)
 * @param leadFunnel              how leads move from captured to converted
 * @param leadSources             the mix of lead sources
 * @param existingBusiness        deals opened directly on customers, without a lead
 * @param regressionProbability   chance that a deal, instead of advancing, moves back one stage (at most twice)
 * @param stageSkipProbability    chance that an advance skips a stage, where the process allows it (SMB)
 * @param slippage                close-date pushes
 * @param outcomes                how deals end, first time they close
 * @param reopening               deferred deals that come back
 * @param amountChanges           amount changes while a deal is open
 * @param quarterEnd              the fiscal calendar and the quarter-end rush
 * @param currencies              the mix of deal currencies
 */
public record SimulationConfig(long seed, Instant start, Instant end, OrgShape org,
                               Map<Segment, SegmentProfile> segments, double leadsPerRepPerWeek,
                               LeadFunnel leadFunnel, List<Weighted<String>> leadSources,
                               ExistingBusiness existingBusiness, double regressionProbability,
                               double stageSkipProbability, Slippage slippage, Outcomes outcomes,
                               Reopening reopening, AmountChanges amountChanges, QuarterEnd quarterEnd,
                               List<Weighted<String>> currencies) {

    public SimulationConfig {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start " + start + " must be before end " + end);
        }
        if (!segments.keySet().containsAll(List.of(Segment.values()))) {
            throw new IllegalArgumentException("every segment needs a profile, got " + segments.keySet());
        }
        // An EnumMap iterates in declaration order: the output never depends on a hash order.
        segments = Collections.unmodifiableMap(new EnumMap<>(segments));
        leadSources = List.copyOf(leadSources);
        currencies = List.copyOf(currencies);
        requirePositive("leadsPerRepPerWeek", leadsPerRepPerWeek);
        requireProbability("regressionProbability", regressionProbability);
        requireProbability("stageSkipProbability", stageSkipProbability);
    }

    /**
     * Regions x teams x reps.
     *
     * @param names the ids of the regions, teams and reps, or null for generated ones ({@code amer-team-1-rep-3})
     */
    public record OrgShape(int regions, int teamsPerRegion, int repsPerTeam, OrgNames names) {
        public OrgShape {
            if (regions < 1 || teamsPerRegion < 1 || repsPerTeam < 1) {
                throw new IllegalArgumentException("an org needs at least one region, team and rep: " + this);
            }
            if (names != null && (names.regions().size() != regions
                    || names.teams().size() != regions * teamsPerRegion
                    || names.reps().size() != regions * teamsPerRegion * repsPerTeam)) {
                throw new IllegalArgumentException("names must give " + regions + " regions, "
                        + regions * teamsPerRegion + " teams and " + regions * teamsPerRegion * repsPerTeam
                        + " reps, got " + names);
            }
        }

        /** An org with generated ids. */
        public OrgShape(int regions, int teamsPerRegion, int repsPerTeam) {
            this(regions, teamsPerRegion, repsPerTeam, null);
        }

        /** The same shape with the given ids (e.g. those of the people who log in to the local stack). */
        public OrgShape named(OrgNames newNames) {
            return new OrgShape(regions, teamsPerRegion, repsPerTeam, newNames);
        }

        public int totalReps() {
            return regions * teamsPerRegion * repsPerTeam;
        }

        /** Keeps the regions and team size and adds teams until there are at least {@code reps} reps. */
        public OrgShape withAtLeastReps(int reps) {
            int perRegion = regions * repsPerTeam;
            return new OrgShape(regions, Math.max(1, (reps + perRegion - 1) / perRegion), repsPerTeam);
        }
    }

    /**
     * The ids of an org's regions, teams and reps, in the order the shape lays them out: region after region, each
     * region's teams one after the other, each team's reps one after the other.
     */
    public record OrgNames(List<String> regions, List<String> teams, List<String> reps) {
        public OrgNames {
            regions = List.copyOf(regions);
            teams = List.copyOf(teams);
            reps = List.copyOf(reps);
            if (new HashSet<>(reps).size() != reps.size()
                    || new HashSet<>(teams).size() != teams.size()) {
                throw new IllegalArgumentException("team and rep ids must be unique: " + this);
            }
        }
    }

    /**
     * @param share         share of arrivals (leads and direct deals) in this segment; shares are relative
     * @param dealSize      the opening amount
     * @param stageMeanDays mean days a visit of each open stage of the segment's process lasts (gamma, shape 2)
     */
    public record SegmentProfile(double share, LogNormal dealSize, Map<String, Double> stageMeanDays) {
        public SegmentProfile {
            stageMeanDays = Collections.unmodifiableMap(new LinkedHashMap<>(stageMeanDays));
            stageMeanDays.forEach((stage, days) -> requirePositive("stageMeanDays." + stage, days));
        }

        public double meanDays(String stage) {
            Double days = stageMeanDays.get(stage);
            if (days == null) {
                throw new IllegalArgumentException("no mean duration for stage " + stage);
            }
            return days;
        }
    }

    /** A log-normal distribution by its median (e^mu) and sigma: right-skewed like deal sizes are. */
    public record LogNormal(double median, double sigma) {
        public LogNormal {
            requirePositive("median", median);
            if (sigma < 0) {
                throw new IllegalArgumentException("sigma must be >= 0");
            }
        }

        public double mean() {
            return median * Math.exp(sigma * sigma / 2);
        }
    }

    /**
     * Each step's rate is the share of leads at the step before that reach it; those that do not: stay in nurture
     * (MQL), are disqualified by the SDR (SQL), are rejected by the AE (SAL) or are disqualified (conversion).
     *
     * @param recycleRate share of rejected or disqualified leads put back into nurture later
     */
    public record LeadFunnel(double mqlRate, double sqlRate, double salRate, double conversionRate,
                             double recycleRate, double meanDaysToMql, double meanDaysToSql, double meanDaysToSal,
                             double meanDaysToConvert, double meanDaysToRecycle) {
        public LeadFunnel {
            requireProbability("mqlRate", mqlRate);
            requireProbability("sqlRate", sqlRate);
            requireProbability("salRate", salRate);
            requireProbability("conversionRate", conversionRate);
            requireProbability("recycleRate", recycleRate);
            requirePositive("meanDaysToMql", meanDaysToMql);
            requirePositive("meanDaysToSql", meanDaysToSql);
            requirePositive("meanDaysToSal", meanDaysToSal);
            requirePositive("meanDaysToConvert", meanDaysToConvert);
            requirePositive("meanDaysToRecycle", meanDaysToRecycle);
        }
    }

    /** Expansion and renewal deals opened directly on each rep's installed base of customers. */
    public record ExistingBusiness(double expansionsPerRepPerWeek, double renewalsPerRepPerWeek, int customersPerRep) {
        public ExistingBusiness {
            if (expansionsPerRepPerWeek < 0 || renewalsPerRepPerWeek < 0 || customersPerRep < 1) {
                throw new IllegalArgumentException("invalid existing business " + this);
            }
        }
    }

    /**
     * @param pushProbability       chance that a deal's close date is pushed at least once
     * @param repeatPushProbability chance of each further push after one (at most four in all)
     * @param meanPushDays          mean days a push moves the close date (exponential, at least 7)
     */
    public record Slippage(double pushProbability, double repeatPushProbability, double meanPushDays) {
        public Slippage {
            requireProbability("pushProbability", pushProbability);
            requireProbability("repeatPushProbability", repeatPushProbability);
            requirePositive("meanPushDays", meanPushDays);
        }
    }

    /** The first close of a deal; the four rates add up to 1. */
    public record Outcomes(double win, double lostToCompetition, double lostNoDecision, double deferred,
                           List<Weighted<String>> competitors) {
        public Outcomes {
            competitors = List.copyOf(competitors);
            double sum = win + lostToCompetition + lostNoDecision + deferred;
            if (Math.abs(sum - 1) > 1e-9 || win < 0 || lostToCompetition < 0 || lostNoDecision < 0 || deferred < 0) {
                throw new IllegalArgumentException("outcome rates must be >= 0 and add up to 1, got " + sum);
            }
            if (lostToCompetition > 0 && competitors.isEmpty()) {
                throw new IllegalArgumentException("losses to competition need competitor names");
            }
        }
    }

    /** @param reopenRate share of deferred deals that reopen, after an exponential wait of the given mean */
    public record Reopening(double reopenRate, double meanDaysUntilReopen) {
        public Reopening {
            requireProbability("reopenRate", reopenRate);
            requirePositive("meanDaysUntilReopen", meanDaysUntilReopen);
        }
    }

    /** @param sigma spread of the change factor (log-normal around 1) */
    public record AmountChanges(double probability, double sigma) {
        public AmountChanges {
            requireProbability("probability", probability);
        }
    }

    /**
     * @param fiscalYearStartMonth 1-12
     * @param lastWeeks            how many weeks at a quarter's end count as its end
     * @param pushFactor           pushes are this many times likelier for deals planned to close in those weeks
     * @param pullInProbability    chance that a won deal that would close in the first weeks of a quarter is pulled
     *                             into the last days of the quarter before
     */
    public record QuarterEnd(int fiscalYearStartMonth, int lastWeeks, double pushFactor, double pullInProbability) {
        public QuarterEnd {
            if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12 || lastWeeks < 0 || pushFactor < 0) {
                throw new IllegalArgumentException("invalid quarter end " + this);
            }
            requireProbability("pullInProbability", pullInProbability);
        }
    }

    public static SimulationConfig defaults() {
        Map<Segment, SegmentProfile> segments = new EnumMap<>(Segment.class);
        segments.put(Segment.ENTERPRISE, new SegmentProfile(0.2, new LogNormal(120_000, 0.7), stageDays(
                "Qualified", 14, "Business case", 21, "Evaluation", 28, "Shortlisted", 21, "Selected", 14,
                "Redlining contract", 14)));
        segments.put(Segment.MID_MARKET, new SegmentProfile(0.3, new LogNormal(35_000, 0.6), stageDays(
                "Qualified", 8, "Business case", 12, "Evaluation", 17, "Shortlisted", 12, "Selected", 8,
                "Redlining contract", 8)));
        segments.put(Segment.SMB, new SegmentProfile(0.5, new LogNormal(8_000, 0.5), stageDays(
                "Qualified", 7, "Evaluation", 14, "Selected", 7)));
        return new SimulationConfig(1L, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"),
                new OrgShape(3, 4, 8), segments, 2.0,
                new LeadFunnel(0.40, 0.50, 0.70, 0.80, 0.20, 14, 5, 4, 7, 60),
                List.of(Weighted.of("INBOUND", 35), Weighted.of("OUTBOUND", 20), Weighted.of("EVENT", 10),
                        Weighted.of("REFERRAL", 10), Weighted.of("PARTNER", 10), Weighted.of("TARGET_ACCOUNT", 10),
                        Weighted.of("NETWORK", 5)),
                new ExistingBusiness(0.05, 0.05, 20), 0.08, 0.15,
                new Slippage(0.25, 0.30, 30),
                new Outcomes(0.30, 0.30, 0.30, 0.10, List.of(Weighted.of("Acme CRM", 40),
                        Weighted.of("Globex Sales Cloud", 30), Weighted.of("Initech Pipeline", 20),
                        Weighted.of("Umbrella Revenue", 10))),
                new Reopening(0.30, 90), new AmountChanges(0.30, 0.20), new QuarterEnd(1, 2, 1.6, 0.30),
                List.of(Weighted.of("USD", 60), Weighted.of("EUR", 25), Weighted.of("GBP", 15)));
    }

    public SimulationConfig withSeed(long newSeed) {
        return new SimulationConfig(newSeed, start, end, org, segments, leadsPerRepPerWeek, leadFunnel, leadSources,
                existingBusiness, regressionProbability, stageSkipProbability, slippage, outcomes, reopening,
                amountChanges, quarterEnd, currencies);
    }

    public SimulationConfig withPeriod(Instant newStart, Instant newEnd) {
        return new SimulationConfig(seed, newStart, newEnd, org, segments, leadsPerRepPerWeek, leadFunnel,
                leadSources, existingBusiness, regressionProbability, stageSkipProbability, slippage, outcomes,
                reopening, amountChanges, quarterEnd, currencies);
    }

    public SimulationConfig withOrg(OrgShape newOrg) {
        return new SimulationConfig(seed, start, end, newOrg, segments, leadsPerRepPerWeek, leadFunnel, leadSources,
                existingBusiness, regressionProbability, stageSkipProbability, slippage, outcomes, reopening,
                amountChanges, quarterEnd, currencies);
    }

    public SimulationConfig withExistingBusiness(ExistingBusiness newExistingBusiness) {
        return new SimulationConfig(seed, start, end, org, segments, leadsPerRepPerWeek, leadFunnel, leadSources,
                newExistingBusiness, regressionProbability, stageSkipProbability, slippage, outcomes, reopening,
                amountChanges, quarterEnd, currencies);
    }

    public SimulationConfig withLeads(double newLeadsPerRepPerWeek, LeadFunnel newFunnel) {
        return new SimulationConfig(seed, start, end, org, segments, newLeadsPerRepPerWeek, newFunnel, leadSources,
                existingBusiness, regressionProbability, stageSkipProbability, slippage, outcomes, reopening,
                amountChanges, quarterEnd, currencies);
    }

    private static Map<String, Double> stageDays(Object... stageAndDays) {
        Map<String, Double> days = new LinkedHashMap<>();
        for (int i = 0; i < stageAndDays.length; i += 2) {
            days.put((String) stageAndDays[i], ((Number) stageAndDays[i + 1]).doubleValue());
        }
        return days;
    }

    static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
        }
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
