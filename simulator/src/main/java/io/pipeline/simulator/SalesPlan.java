package io.pipeline.simulator;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.OpportunityEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The plan an admin sets for a simulated org before its figures mean anything: where each rep and team sits, rates
 * into the reporting currency, a quota per fiscal quarter for the org, each region, team and rep, and the reps'
 * forecast calls over the history (three a quarter), each made from the rep's deals as they stood when it was made.
 */
public final class SalesPlan {

    /** Rates into the reporting currency (USD) of the simulated currencies. */
    public static final Map<String, BigDecimal> DEMO_RATES = Map.of("EUR", new BigDecimal("1.08"),
            "GBP", new BigDecimal("1.27"));
    /** Quotas sit above what the org closed on average, as sales quotas do: most quarters end below 100%. */
    static final BigDecimal QUOTA_STRETCH = new BigDecimal("1.15");
    private static final BigDecimal QUOTA_ROUNDING = new BigDecimal("5000");
    private static final BigDecimal CALL_ROUNDING = new BigDecimal("1000");
    private static final long CALL_BIAS = 6;
    /** Reps an org chart request places: about 600 KB of JSON. */
    static final int ORG_CHART_PART = 10_000;

    /** A quota: {@code scope} is forecast-service's ({@code org}, {@code region:emea}, {@code team:t}, {@code rep:r}). */
    public record Quota(String period, String scope, BigDecimal amount) {
    }

    /**
     * A forecast call for a fiscal quarter, in the reporting currency, as {@code POST /api/forecast/calls}: a rep's
     * ({@code repId}, scope {@code rep:<id>}) or a manager's, leader's or the CRO's ({@code repId} null, scope
     * {@code team:<id>}, {@code region:<id>}, {@code org}).
     */
    public record Call(String repId, String period, BigDecimal commit, BigDecimal bestCase, Instant submittedAt,
                       String note, String scope) {
    }

    private final SimulationConfig config;
    private final Org org;
    private final FiscalCalendar calendar;
    private final Map<String, BigDecimal> rates;

    public SalesPlan(SimulationConfig config, Map<String, BigDecimal> rates) {
        this.config = config;
        this.org = Org.of(config.org());
        this.calendar = FiscalCalendar.of(config.quarterEnd());
        this.rates = Map.copyOf(rates);
    }

    /**
     * What an admin sets first, as the API requests that set it: the org chart (each rep's team and each team's
     * region, forecast-service's {@code PUT /api/forecast/org}, a request per 10,000 reps), the rates into USD
     * (forecast-service's, their one owner; effective from the history's first day), and the quotas of every
     * quarter up to {@code quartersAhead} after the history for the scopes {@code quotaFor} keeps (a 40,000-rep org's
     * rep quotas alone would be a million requests).
     */
    public List<ApiCall> requests(Simulation simulation, int quartersAhead, Predicate<String> quotaFor) {
        List<ApiCall> requests = new ArrayList<>();
        List<Map<String, Object>> reps = new ArrayList<>();
        teamOfRep().forEach((rep, team) -> reps.add(Map.of("repId", rep, "teamId", team)));
        List<Map<String, Object>> teams = new ArrayList<>();
        regionOfTeam().forEach((team, region) -> teams.add(Map.of("teamId", team, "regionId", region)));
        // in parts under the 1 MB any request may have (a larger chart is allowed, but not needed here)
        for (int from = 0; from == 0 || from < reps.size(); from += ORG_CHART_PART) {
            requests.add(put("/api/forecast/org", Map.of("reps", reps.subList(from, Math.min(reps.size(),
                    from + ORG_CHART_PART)), "teams", from == 0 ? teams : List.of())));
        }
        String from = LocalDate.ofInstant(simulation.config().start(), ZoneOffset.UTC).toString();
        new TreeMap<>(rates).forEach((currency, rate) -> requests.add(put("/api/forecast/currency-rates",
                Map.of("currency", currency, "effectiveFrom", from, "rate", rate.toPlainString()))));
        for (Quota quota : quotas(() -> simulation.events().iterator(), quartersAhead)) {
            if (quotaFor.test(quota.scope())) {
                requests.add(put("/api/forecast/quotas", Map.of("period", quota.period(), "scope", quota.scope(),
                        "amount", quota.amount().toPlainString())));
            }
        }
        return requests;
    }

    private static ApiCall put(String path, Map<String, Object> body) {
        return new ApiCall("PUT", path, new LinkedHashMap<>(body), "PUT " + path);
    }

    /** Each rep's team, in the org's order. */
    public Map<String, String> teamOfRep() {
        Map<String, String> teams = new LinkedHashMap<>();
        org.reps().forEach(rep -> teams.put(rep.id(), rep.teamId()));
        return teams;
    }

    /** Each team's region, in the org's order. */
    public Map<String, String> regionOfTeam() {
        Map<String, String> regions = new LinkedHashMap<>();
        org.reps().forEach(rep -> regions.put(rep.teamId(), rep.regionId()));
        return regions;
    }

    /**
     * Quotas for every fiscal quarter from the history's first to {@code quartersAhead} after its last. A rep's is
     * the org's mean closed-won amount per rep and quarter over the history's whole quarters after the first (the
     * first only fills the pipeline), stretched and rounded up to 5,000; a team's, region's and the org's are the
     * sums of theirs.
     */
    public List<Quota> quotas(Iterable<? extends IntegrationEvent> events, int quartersAhead) {
        LocalDate first = calendar.nextQuarterStart(date(config.start()));
        LocalDate last = calendar.quarterStart(date(config.end()));
        BigDecimal won = BigDecimal.ZERO;
        for (IntegrationEvent event : events) {
            if (event instanceof OpportunityEvent.DealClosedWon closed && !closed.deal().closeDate().isBefore(first)
                    && closed.deal().closeDate().isBefore(last)) {
                won = won.add(inReportingCurrency(closed.deal()));
            }
        }
        long quarters = Math.max(1, ChronoUnit.MONTHS.between(first, last) / 3);
        BigDecimal perRep = won.multiply(QUOTA_STRETCH)
                .divide(BigDecimal.valueOf(quarters * org.reps().size()), 2, RoundingMode.HALF_EVEN);
        BigDecimal repQuota = roundUp(perRep, QUOTA_ROUNDING).max(QUOTA_ROUNDING);
        Map<String, BigDecimal> byScope = new LinkedHashMap<>();
        for (Org.Rep rep : org.reps()) {
            for (String scope : List.of("org", "region:" + rep.regionId(), "team:" + rep.teamId(), "rep:" + rep.id())) {
                byScope.merge(scope, repQuota, BigDecimal::add);
            }
        }
        List<Quota> quotas = new ArrayList<>();
        LocalDate end = last.plusMonths(3L * (quartersAhead + 1));
        for (LocalDate quarter = calendar.quarterStart(date(config.start())); quarter.isBefore(end);
             quarter = quarter.plusMonths(3)) {
            String period = calendar.quarterId(quarter);
            byScope.forEach((scope, amount) -> quotas.add(new Quota(period, scope, amount)));
        }
        return quotas;
    }

    /**
     * Every rep's calls for each quarter of the history until {@code until}: in its first week, in its middle and two
     * weeks before its end, each from the rep's deals at that instant ({@link #call}).
     */
    public List<Call> calls(Iterator<Simulation.SequencedEvent> inBusinessTimeOrder, Instant until) {
        List<Instant> instants = callInstants(until);
        Map<String, OpportunityEvent.Deal> deals = new HashMap<>();
        Map<String, BigDecimal> wonByRepAndQuarter = new HashMap<>();
        List<Call> calls = new ArrayList<>();
        Simulation.SequencedEvent pending = inBusinessTimeOrder.hasNext() ? inBusinessTimeOrder.next() : null;
        for (Instant at : instants) {
            while (pending != null && pending.event().occurredAt().isBefore(at)) {
                if (pending.event() instanceof OpportunityEvent change) {
                    deals.put(change.deal().opportunityId(), change.deal());
                    if (change instanceof OpportunityEvent.DealClosedWon) {
                        wonByRepAndQuarter.merge(change.deal().ownerId() + "/"
                                + calendar.quarterId(change.deal().closeDate()),
                                inReportingCurrency(change.deal()), BigDecimal::add);
                    }
                }
                pending = inBusinessTimeOrder.hasNext() ? inBusinessTimeOrder.next() : null;
            }
            String period = calendar.quarterId(date(at));
            Map<String, List<OpportunityEvent.Deal>> openByRep = new HashMap<>();
            for (OpportunityEvent.Deal deal : deals.values()) {
                if ("OPEN".equals(deal.status()) && calendar.quarterId(deal.closeDate()).equals(period)) {
                    openByRep.computeIfAbsent(deal.ownerId(), k -> new ArrayList<>()).add(deal);
                }
            }
            List<Call> repCalls = new ArrayList<>();
            for (Org.Rep rep : org.reps()) {
                repCalls.add(call(rep, period, wonByRepAndQuarter.getOrDefault(rep.id() + "/" + period,
                        BigDecimal.ZERO), openByRep.getOrDefault(rep.id(), List.of()), at));
            }
            calls.addAll(repCalls);
            calls.addAll(levelCalls(repCalls, period, at));
        }
        return calls;
    }

    /**
     * Every level calls too: each manager the sum of their reps' calls, each leader the sum of their teams', the CRO
     * the sum of the regions', each times a bias of their own (0.8 to 1.2, drawn once per team, region and the org)
     * so that accuracy finds sandbaggers and happy ears above the reps as well.
     */
    List<Call> levelCalls(List<Call> repCalls, String period, Instant at) {
        Map<String, BigDecimal[]> teams = new java.util.TreeMap<>();
        Map<String, BigDecimal[]> regions = new java.util.TreeMap<>();
        Map<String, String> regionOfTeam = new HashMap<>();
        for (Org.Rep rep : org.reps()) {
            regionOfTeam.put(rep.teamId(), rep.regionId());
        }
        Map<String, String> teamOfRep = teamOfRep();
        for (Call call : repCalls) {
            add(teams, teamOfRep.get(call.repId()), call.commit(), call.bestCase());
        }
        List<Call> levels = new ArrayList<>();
        int index = 0;
        for (var team : teams.entrySet()) {
            Call call = levelCall("team:" + team.getKey(), period, team.getValue(), at, 1, index++);
            levels.add(call);
            add(regions, regionOfTeam.get(team.getKey()), call.commit(), call.bestCase());
        }
        BigDecimal[] org = {BigDecimal.ZERO, BigDecimal.ZERO};
        index = 0;
        for (var region : regions.entrySet()) {
            Call call = levelCall("region:" + region.getKey(), period, region.getValue(), at, 2, index++);
            levels.add(call);
            org[0] = org[0].add(call.commit());
            org[1] = org[1].add(call.bestCase());
        }
        levels.add(levelCall("org", period, org, at, 3, 0));
        return levels;
    }

    private static void add(Map<String, BigDecimal[]> sums, String key, BigDecimal commit, BigDecimal bestCase) {
        BigDecimal[] sum = sums.computeIfAbsent(key, k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        sum[0] = sum[0].add(commit);
        sum[1] = sum[1].add(bestCase);
    }

    private Call levelCall(String scope, String period, BigDecimal[] below, Instant at, int level, int index) {
        BigDecimal bias = BigDecimal.valueOf(0.8 + 0.4 * Draws.forEntity(config.seed(), CALL_BIAS * 100 + level, index)
                .nextDouble()).setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal commit = roundUp(below[0].multiply(bias), CALL_ROUNDING);
        BigDecimal bestCase = roundUp(below[1].multiply(bias), CALL_ROUNDING).max(commit);
        return new Call(null, period, commit, bestCase, at, "the level below called " + below[0].toPlainString(),
                scope);
    }

    /**
     * A rep's call: commit = (closed won so far + open Commit deals closing in the quarter) x the rep's bias,
     * best case = (that + open Best Case deals) x the bias, both rounded to 1,000. The bias (0.8 to 1.2, drawn once
     * per rep) makes some reps sandbag and others call high, so forecast accuracy has something to show.
     */
    Call call(Org.Rep rep, String period, BigDecimal wonSoFar, Collection<OpportunityEvent.Deal> openInPeriod,
              Instant at) {
        return call(rep.id(), period, wonSoFar, openInPeriod, at, biasOf(rep));
    }

    /** How far off a rep's calls run, 0.8 to 1.2, the same in every call of theirs. */
    BigDecimal biasOf(Org.Rep rep) {
        return BigDecimal.valueOf(0.8 + 0.4 * Draws.forEntity(config.seed(), CALL_BIAS, rep.index()).nextDouble())
                .setScale(2, RoundingMode.HALF_EVEN);
    }

    Call call(String repId, String period, BigDecimal wonSoFar, Collection<OpportunityEvent.Deal> openInPeriod,
              Instant at, BigDecimal bias) {
        BigDecimal commit = wonSoFar;
        BigDecimal bestCase = wonSoFar;
        for (OpportunityEvent.Deal deal : openInPeriod) {
            BigDecimal amount = inReportingCurrency(deal);
            if ("COMMIT".equals(deal.forecastCategory())) {
                commit = commit.add(amount);
                bestCase = bestCase.add(amount);
            } else if ("BEST_CASE".equals(deal.forecastCategory())) {
                bestCase = bestCase.add(amount);
            }
        }
        BigDecimal commitCall = roundUp(commit.multiply(bias), CALL_ROUNDING);
        BigDecimal bestCaseCall = roundUp(bestCase.multiply(bias), CALL_ROUNDING).max(commitCall);
        return new Call(repId, period, commitCall, bestCaseCall, at,
                openInPeriod.size() + " open deals in the quarter", "rep:" + repId);
    }

    Org org() {
        return org;
    }

    FiscalCalendar calendar() {
        return calendar;
    }

    BigDecimal inReportingCurrency(OpportunityEvent.Deal deal) {
        return deal.amount().multiply(rates.getOrDefault(deal.currency(), BigDecimal.ONE))
                .setScale(2, RoundingMode.HALF_EVEN);
    }

    /** A quarter's first week, middle and last weeks but two, at 09:00 UTC, within the history. */
    private List<Instant> callInstants(Instant until) {
        TreeMap<Instant, Boolean> instants = new TreeMap<>();
        for (LocalDate quarter = calendar.quarterStart(date(config.start())); quarter.isBefore(date(until));
             quarter = quarter.plusMonths(3)) {
            LocalDate next = quarter.plusMonths(3);
            for (LocalDate day : List.of(quarter.plusDays(6), quarter.plusDays(45), next.minusDays(14))) {
                Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
                if (!at.isBefore(config.start()) && at.isBefore(until)) {
                    instants.put(at, true);
                }
            }
        }
        return List.copyOf(instants.keySet());
    }

    private static BigDecimal roundUp(BigDecimal amount, BigDecimal unit) {
        return amount.divide(unit, 0, RoundingMode.CEILING).multiply(unit).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
