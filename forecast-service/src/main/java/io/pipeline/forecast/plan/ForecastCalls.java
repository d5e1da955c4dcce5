package io.pipeline.forecast.plan;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.pipeline.forecast.figures.CategoryTotals;
import io.pipeline.forecast.figures.Measure;
import io.pipeline.forecast.figures.Scope;
import io.pipeline.platform.period.Period;
import io.pipeline.platform.problem.InvalidFieldException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Figure 14: reps' forecast calls. Every call is kept; a rep's call for a period as of t is the newest submitted
 * at or before t. A team's, region's or the org's call is the sum of its reps' calls (the reps the organisation
 * set through the API places there; the org is every rep who called).
 */
@Component
public class ForecastCalls {

    private final JdbcTemplate jdbc;

    public ForecastCalls(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Call(String repId, String period, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal commit,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestCase, Instant submittedAt,
                       String note) {
    }

    /**
     * @param calls  each rep's call as of t
     * @param system the system's figures for the same scope and period, to read the call against: Commit and
     *               Best Case open amounts and Closed won
     */
    public record RollUp(String period, String scope, Instant asOf,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal commit,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bestCase, List<Call> calls,
                         List<Call> history, System system) {
    }

    public record System(Measure commit, Measure bestCase, Measure closedWon) {

        public static System of(CategoryTotals totals) {
            return new System(totals.total("COMMIT"), totals.total("BEST_CASE"),
                    totals.total(CategoryTotals.CLOSED_WON));
        }
    }

    public void submit(Call call) {
        jdbc.update("insert into forecast_call (rep_id, period_id, commit_amount, best_case_amount, submitted_at, note)"
                + " values (?, ?, ?, ?, ?, ?)", call.repId(), call.period(), call.commit(), call.bestCase(),
                Timestamp.from(call.submittedAt()), call.note());
    }

    public RollUp rollUp(Period period, Scope scope, Instant asOf, CategoryTotals system) {
        String reps = switch (scope.level()) {
            case ORG -> "select rep_id from forecast_call";
            case REP -> "select ?";
            case TEAM -> "select rep_id from rep_team where team_id = ?";
            case REGION -> "select r.rep_id from rep_team r join team_region t on t.team_id = r.team_id"
                    + " where t.region_id = ?";
            case SEGMENT -> throw new InvalidFieldException("scope", "forecast calls are made by reps and rolled up"
                    + " by team and region; a segment has no call");
        };
        List<Object> args = new ArrayList<>(List.of(period.id(), Timestamp.from(asOf)));
        if (scope.level() != Scope.Level.ORG) {
            args.add(scope.id());
        }
        List<Call> history = jdbc.query("""
                select rep_id, period_id, commit_amount, best_case_amount, submitted_at, note from forecast_call
                where period_id = ? and submitted_at <= ? and rep_id in (""" + reps + """
                ) order by rep_id, submitted_at, id""", (rs, n) -> new Call(rs.getString(1), rs.getString(2),
                rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getTimestamp(5).toInstant(), rs.getString(6)),
                args.toArray());
        Map<String, Call> newest = new LinkedHashMap<>();
        history.forEach(call -> newest.put(call.repId(), call));
        BigDecimal commit = BigDecimal.ZERO.setScale(2);
        BigDecimal bestCase = BigDecimal.ZERO.setScale(2);
        for (Call call : newest.values()) {
            commit = commit.add(call.commit());
            bestCase = bestCase.add(call.bestCase());
        }
        return new RollUp(period.id(), scope.toString(), asOf, commit, bestCase, List.copyOf(newest.values()),
                history, System.of(system));
    }
}
