package io.pipeline.forecast.plan;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.figures.ConversionRates;
import io.pipeline.forecast.figures.Hierarchy;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.platform.period.Period;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the figures are measured against, set through the API: the organisation, quotas and currency rates. The
 * organisation and the rates are read by every query (an org of 40,000 reps is as many rows): they are kept in
 * memory with the plan's revision, which every change moves on in the database (a trigger), so each query reads
 * one number and the tables only after a change, made by this instance or any other.
 */
@Component
public class PlanStore {

    /** The organisation and the rates as read at one revision of the plan. */
    public record Revised(long revision, Hierarchy hierarchy, ConversionRates rates) {
    }

    private final JdbcTemplate jdbc;
    private final ForecastSettings settings;
    private final AtomicReference<Revised> kept = new AtomicReference<>(new Revised(-1, Hierarchy.NONE, null));

    public PlanStore(JdbcTemplate jdbc, ForecastSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public Hierarchy hierarchy() {
        return current().hierarchy();
    }

    public ConversionRates rates() {
        return current().rates();
    }

    /**
     * The plan at its newest revision: the revision is read before the tables, so what is kept is never older than
     * the revision it is kept under (a change committed in between is read again at the next query).
     */
    public Revised current() {
        long revision = jdbc.queryForObject("select revision from plan_revision where id = 1", Long.class);
        Revised known = kept.get();
        if (known.revision() == revision) {
            return known;
        }
        Revised read = new Revised(revision, readHierarchy(), readRates());
        // one object per revision, even when two threads read it at once: what is kept by it (the running sums per
        // scope, the weighted forecast's lookback) is kept for that very object
        return kept.accumulateAndGet(read, (old, fresh) -> fresh.revision() > old.revision() ? fresh : old);
    }

    private Hierarchy readHierarchy() {
        Map<String, String> teamOfRep = new HashMap<>();
        Map<String, String> regionOfTeam = new HashMap<>();
        jdbc.query("select rep_id, team_id from rep_team", rs -> {
            teamOfRep.put(rs.getString(1), rs.getString(2));
        });
        jdbc.query("select team_id, region_id from team_region", rs -> {
            regionOfTeam.put(rs.getString(1), rs.getString(2));
        });
        return new Hierarchy(teamOfRep, regionOfTeam);
    }

    /**
     * Places many reps in teams and teams in regions at once (an org chart's import), as the single placements
     * would one by one, in statements of many rows each.
     */
    @Transactional
    public void placeAll(Map<String, String> teamOfRep, Map<String, String> regionOfTeam) {
        upsertAll("insert into rep_team (rep_id, team_id) select * from unnest(?::varchar[], ?::varchar[])"
                + " on conflict (rep_id) do update set team_id = excluded.team_id", teamOfRep);
        upsertAll("insert into team_region (team_id, region_id) select * from unnest(?::varchar[], ?::varchar[])"
                + " on conflict (team_id) do update set region_id = excluded.region_id", regionOfTeam);
    }

    /**
     * Placements in statements of {@value #PLACEMENTS_PER_STATEMENT} rows each (two arrays unnested): the plan's
     * revision trigger fires once a statement, not once a row.
     */
    private void upsertAll(String sql, Map<String, String> placements) {
        List<Map.Entry<String, String>> all = List.copyOf(placements.entrySet());
        for (int from = 0; from < all.size(); from += PLACEMENTS_PER_STATEMENT) {
            List<Map.Entry<String, String>> chunk =
                    all.subList(from, Math.min(all.size(), from + PLACEMENTS_PER_STATEMENT));
            jdbc.update(sql, chunk.stream().map(Map.Entry::getKey).toArray(String[]::new),
                    chunk.stream().map(Map.Entry::getValue).toArray(String[]::new));
        }
    }

    private static final int PLACEMENTS_PER_STATEMENT = 10_000;

    public BigDecimal quota(Period period, Scope scope) {
        List<BigDecimal> found = jdbc.queryForList("select amount from quota where period_id = ? and scope = ?",
                BigDecimal.class, period.id(), scope.toString());
        return found.isEmpty() ? null : found.get(0);
    }

    /** The quotas of several scopes of one period (a drill-down's children); a scope without one is absent. */
    public Map<Scope, BigDecimal> quotas(Period period, List<Scope> scopes) {
        Map<String, Scope> asked = new HashMap<>();
        scopes.forEach(scope -> asked.put(scope.toString(), scope));
        Map<Scope, BigDecimal> quotas = new HashMap<>();
        jdbc.query("select scope, amount from quota where period_id = ? and scope = any(?)", rs -> {
            quotas.put(asked.get(rs.getString(1)), rs.getBigDecimal(2));
        }, period.id(), asked.keySet().toArray(String[]::new));
        return quotas;
    }

    /** @param scope a scope as {@link Scope#toString()} writes it */
    public void setQuota(String periodId, String scope, BigDecimal amount) {
        jdbc.update("insert into quota (period_id, scope, amount) values (?, ?, ?) on conflict (period_id, scope)"
                + " do update set amount = excluded.amount", periodId, scope, amount);
    }

    private ConversionRates readRates() {
        Map<String, NavigableMap<LocalDate, BigDecimal>> byCurrency = new HashMap<>();
        jdbc.query("select currency, effective_from, rate from currency_rate", rs -> {
            byCurrency.computeIfAbsent(rs.getString(1), c -> new TreeMap<>())
                    .put(rs.getDate(2).toLocalDate(), rs.getBigDecimal(3));
        });
        return new ConversionRates(settings.reportingCurrency(), byCurrency);
    }

    public void setRate(String currency, LocalDate effectiveFrom, BigDecimal rate) {
        jdbc.update("insert into currency_rate (currency, effective_from, rate) values (?, ?, ?)"
                + " on conflict (currency, effective_from) do update set rate = excluded.rate", currency,
                Date.valueOf(effectiveFrom), rate);
    }
}
