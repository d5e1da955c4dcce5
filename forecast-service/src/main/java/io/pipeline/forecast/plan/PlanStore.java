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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the figures are measured against, set through the API: the organisation, quotas and currency rates. */
@Component
public class PlanStore {

    private final JdbcTemplate jdbc;
    private final ForecastSettings settings;

    public PlanStore(JdbcTemplate jdbc, ForecastSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public Hierarchy hierarchy() {
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

    public void placeRep(String repId, String teamId) {
        jdbc.update("insert into rep_team (rep_id, team_id) values (?, ?) on conflict (rep_id) do update"
                + " set team_id = excluded.team_id", repId, teamId);
    }

    public void placeTeam(String teamId, String regionId) {
        jdbc.update("insert into team_region (team_id, region_id) values (?, ?) on conflict (team_id) do update"
                + " set region_id = excluded.region_id", teamId, regionId);
    }

    /**
     * Places many reps in teams and teams in regions at once (an org chart's import), as the single placements
     * would one by one, in batches of one statement.
     */
    @Transactional
    public void placeAll(Map<String, String> teamOfRep, Map<String, String> regionOfTeam) {
        upsertAll("insert into rep_team (rep_id, team_id) values (?, ?) on conflict (rep_id) do update"
                + " set team_id = excluded.team_id", teamOfRep);
        upsertAll("insert into team_region (team_id, region_id) values (?, ?) on conflict (team_id) do update"
                + " set region_id = excluded.region_id", regionOfTeam);
    }

    private void upsertAll(String sql, Map<String, String> placements) {
        jdbc.batchUpdate(sql, List.copyOf(placements.entrySet()), 1_000, (statement, placement) -> {
            statement.setString(1, placement.getKey());
            statement.setString(2, placement.getValue());
        });
    }

    public List<String> repsOf(String teamId) {
        return jdbc.queryForList("select rep_id from rep_team where team_id = ? order by rep_id", String.class, teamId);
    }

    public BigDecimal quota(Period period, Scope scope) {
        List<BigDecimal> found = jdbc.queryForList("select amount from quota where period_id = ? and scope = ?",
                BigDecimal.class, period.id(), scope.toString());
        return found.isEmpty() ? null : found.get(0);
    }

    public void setQuota(Period period, Scope scope, BigDecimal amount) {
        jdbc.update("insert into quota (period_id, scope, amount) values (?, ?, ?) on conflict (period_id, scope)"
                + " do update set amount = excluded.amount", period.id(), scope.toString(), amount);
    }

    public ConversionRates rates() {
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
