package io.pipeline.forecast.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.pipeline.forecast.figures.CalledDeals;
import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.Measure;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.platform.period.Period;
import io.pipeline.platform.problem.InvalidFieldException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Figure 14: forecast calls at every level. A rep calls for themselves, a manager for the team, a region's leader
 * for the region, the CRO for the org; every submission is kept with its business time and caller, and a scope's
 * call for a period as of t is the newest submitted at or before t. Beside a level's own call stand the calls of
 * the level below (a team's reps, a region's teams, the org's regions), their sum (the difference is the
 * adjustment), the sum of the reps' calls (bottom-up) and the system's figures.
 */
@Component
public class ForecastCalls {

    private static final String COLUMNS = "rep_id, period_id, commit_amount, best_case_amount, submitted_at, note,"
            + " scope, caller_id, commit_deals, best_case_deals";

    private final JdbcTemplate jdbc;

    public ForecastCalls(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param repId         the rep a rep-level call is about; null for a team's, region's or the org's call
     * @param scope         whose call: {@code rep:<id>}, {@code team:<id>}, {@code region:<id>} or {@code org}
     * @param callerId      who submitted it (the token's sub)
     * @param commitDeals   the deals counted in the Commit number (may be empty)
     * @param bestCaseDeals the deals counted in the Best Case number beside the Commit ones
     */
    public record Call(String repId, String period, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal commit,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestCase, Instant submittedAt,
                       String note, String scope, String callerId, List<String> commitDeals,
                       List<String> bestCaseDeals) {

        public Call {
            commitDeals = commitDeals == null ? List.of() : List.copyOf(commitDeals);
            bestCaseDeals = bestCaseDeals == null ? List.of() : List.copyOf(bestCaseDeals);
        }
    }

    /** Two numbers side by side: a commit and a best case (a sum of calls, or a difference of them). */
    public record Numbers(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal commit,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestCase) {

        static Numbers sum(List<Call> calls) {
            BigDecimal commit = BigDecimal.ZERO.setScale(2);
            BigDecimal bestCase = BigDecimal.ZERO.setScale(2);
            for (Call call : calls) {
                commit = commit.add(call.commit());
                bestCase = bestCase.add(call.bestCase());
            }
            return new Numbers(commit, bestCase);
        }
    }

    /**
     * @param commit        the sum of the reps' calls of the scope (bottom-up), as before levels called
     * @param bestCase      likewise
     * @param calls         each rep's call as of t
     * @param history       every rep call of the scope so far
     * @param system        the system's figures for the same scope and period: Commit, Best Case, Closed won
     * @param own           the scope's own call as of t (a rep's for a rep), or null
     * @param ownHistory    every submission of the scope's own call so far
     * @param below         the calls of the level below as of t: a team's reps, a region's teams, the org's regions
     * @param belowSum      their sum
     * @param adjustment    own - belowSum: how far the level moved the calls below it; null without both
     * @param versusSystem  own Commit - (Closed won + open Commit) and own Best Case - (Closed won + open Commit +
     *                      open Best Case): the call against the system's category totals; null without a call
     * @param calledDeals   the deals the own call names, as they stand at t, and the upside it leaves out
     */
    public record RollUp(String period, String scope, Instant asOf,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal commit,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestCase, List<Call> calls,
                         List<Call> history, System system, Call own, List<Call> ownHistory, List<Call> below,
                         Numbers belowSum, Numbers adjustment, Numbers versusSystem, CalledDeals calledDeals) {
    }

    public record System(Measure commit, Measure bestCase, Measure closedWon) {

        public static System of(CategoryTotals totals) {
            return new System(totals.total("COMMIT"), totals.total("BEST_CASE"),
                    totals.total(CategoryTotals.CLOSED_WON));
        }
    }

    /** What the own call's deals are worth now: given the call, the figure over the scope's deals. */
    @FunctionalInterface
    public interface DealsOfCall {
        CalledDeals of(Call call);
    }

    public void submit(Call call) {
        jdbc.update("insert into forecast_call (rep_id, period_id, commit_amount, best_case_amount, submitted_at, note,"
                        + " scope, caller_id, commit_deals, best_case_deals) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                call.repId(), call.period(), call.commit(), call.bestCase(), Timestamp.from(call.submittedAt()),
                call.note(), call.scope(), call.callerId(), call.commitDeals().toArray(String[]::new),
                call.bestCaseDeals().toArray(String[]::new));
    }

    /** Every submission for the period at or before t, oldest first, of the scopes given (all scopes when null). */
    public List<Call> submissions(String periodId, Instant asOf, List<String> scopes) {
        if (scopes != null && scopes.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(List.of(periodId, Timestamp.from(asOf)));
        String filter = "";
        if (scopes != null) {
            filter = " and scope = any(?)";
            args.add(scopes.toArray(String[]::new));
        }
        return jdbc.query("select " + COLUMNS + " from forecast_call where period_id = ? and submitted_at <= ?"
                + filter + " order by scope, submitted_at, id", ForecastCalls::call, args.toArray());
    }

    public RollUp rollUp(Period period, Scope scope, Instant asOf, CategoryTotals totals, DealsOfCall dealsOfCall) {
        List<Call> history = repHistory(period, scope, asOf);
        List<Call> calls = newest(history);
        Numbers bottomUp = Numbers.sum(calls);
        List<Call> ownHistory = submissions(period.id(), asOf, List.of(scope.toString()));
        Call own = ownHistory.isEmpty() ? null : ownHistory.get(ownHistory.size() - 1);
        List<Call> below = scope.level() == Scope.Level.REP ? List.of()
                : scope.level() == Scope.Level.TEAM ? calls : newest(submissions(period.id(), asOf, scopesBelow(scope)));
        Numbers belowSum = Numbers.sum(below);
        Numbers adjustment = own == null || below.isEmpty() ? null
                : new Numbers(own.commit().subtract(belowSum.commit()), own.bestCase().subtract(belowSum.bestCase()));
        System system = System.of(totals);
        Numbers versusSystem = own == null ? null : versusSystem(own, system);
        return new RollUp(period.id(), scope.toString(), asOf, bottomUp.commit(), bottomUp.bestCase(), calls, history,
                system, own, ownHistory, below, belowSum, adjustment, versusSystem,
                own == null ? null : dealsOfCall.of(own));
    }

    static Numbers versusSystem(Call call, System system) {
        BigDecimal committed = system.closedWon().amount().add(system.commit().amount());
        return new Numbers(call.commit().subtract(committed),
                call.bestCase().subtract(committed).subtract(system.bestCase().amount()));
    }

    /** The newest call of each scope, in the order the scopes first appear. */
    public static List<Call> newest(List<Call> history) {
        Map<String, Call> newest = new LinkedHashMap<>();
        history.forEach(call -> newest.put(call.scope(), call));
        return List.copyOf(newest.values());
    }

    /** The scopes one level below: a region's teams, the org's regions (as the org API places them). */
    public List<String> scopesBelow(Scope scope) {
        return switch (scope.level()) {
            case ORG -> jdbc.queryForList("select distinct 'region:' || region_id from team_region order by 1",
                    String.class);
            case REGION -> jdbc.queryForList("select 'team:' || team_id from team_region where region_id = ?"
                    + " order by 1", String.class, scope.id());
            case TEAM -> jdbc.queryForList("select 'rep:' || rep_id from rep_team where team_id = ? order by 1",
                    String.class, scope.id());
            default -> List.of();
        };
    }

    /** Every rep-level call of the scope's reps (the org: every rep who called). */
    private List<Call> repHistory(Period period, Scope scope, Instant asOf) {
        String reps = switch (scope.level()) {
            case ORG -> "select rep_id from forecast_call where rep_id is not null";
            case REP -> "select ?";
            case TEAM -> "select rep_id from rep_team where team_id = ?";
            case REGION -> "select r.rep_id from rep_team r join team_region t on t.team_id = r.team_id"
                    + " where t.region_id = ?";
            case SEGMENT -> throw new InvalidFieldException("scope", "forecast calls are made by reps, teams, regions"
                    + " and the org; a segment has no call");
        };
        List<Object> args = new ArrayList<>(List.of(period.id(), Timestamp.from(asOf)));
        if (scope.level() != Scope.Level.ORG) {
            args.add(scope.id());
        }
        return jdbc.query("select " + COLUMNS + " from forecast_call where period_id = ? and submitted_at <= ?"
                + " and scope like 'rep:%' and rep_id in (" + reps + ") order by rep_id, submitted_at, id",
                ForecastCalls::call, args.toArray());
    }

    private static Call call(ResultSet rs, int row) throws SQLException {
        return new Call(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8), strings(rs.getArray(9)),
                strings(rs.getArray(10)));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
