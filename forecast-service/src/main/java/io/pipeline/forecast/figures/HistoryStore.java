package io.pipeline.forecast.figures;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import io.pipeline.forecast.readmodel.ReadModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the per-deal and per-lead histories the figures are computed from, up to an instant, for the deals that
 * were ever in a scope (the figure itself decides who is in it as of the instant).
 */
@Component
public class HistoryStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public HistoryStore(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    private static final String DEAL_EVENT_COLUMNS = """
            opportunity_id, sequence, event_type, occurred_at, owner_id, team_id, region_id, segment,
            amount, currency, close_date, stage, forecast_category, status, qualified, lost_reason, competitor""";

    /** Every opportunity event of a version, deal by deal in sequence order, streamed (not held) as read. */
    public void forEachDealEvent(ReadModel model, Consumer<DealEvent> sink) {
        stream("select " + DEAL_EVENT_COLUMNS + " from " + model.table("opportunity_event")
                + " order by opportunity_id, sequence", rs -> sink.accept(dealEvent(rs)));
    }

    /** Runs the query in a transaction with a fetch size, so that PostgreSQL sends the rows in chunks as read. */
    private void stream(String sql, RowCallbackHandler rows) {
        transaction.executeWithoutResult(tx -> {
            JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
            streaming.setFetchSize(10_000);
            streaming.query(sql, rows);
        });
    }

    public List<DealHistory> deals(ReadModel model, Scope scope, Instant upTo) {
        ScopeFilter filter = ScopeFilter.of(scope);
        List<DealHistory> histories = new ArrayList<>();
        List<DealEvent> current = new ArrayList<>();
        jdbc.query("select " + DEAL_EVENT_COLUMNS + " from " + model.table("opportunity_event")
                + " where occurred_at <= ?" + filter.sql(model.table("opportunity_event"), "opportunity_id")
                + " order by opportunity_id, sequence", rs -> {
            DealEvent event = dealEvent(rs);
            if (!current.isEmpty() && !current.get(0).opportunityId().equals(event.opportunityId())) {
                histories.add(new DealHistory(current.get(0).opportunityId(), List.copyOf(current)));
                current.clear();
            }
            current.add(event);
        }, filter.arguments(Timestamp.from(upTo)));
        if (!current.isEmpty()) {
            histories.add(new DealHistory(current.get(0).opportunityId(), List.copyOf(current)));
        }
        return histories;
    }

    private static final String LEAD_STEP_COLUMNS =
            "lead_id, sequence, occurred_at, state, owner_id, team_id, region_id, segment, opportunity_id";

    /** Every lead event of a version, lead by lead in sequence order, streamed (not held) as read. */
    public void forEachLeadStep(ReadModel model, Consumer<LeadStep> sink) {
        stream("select " + LEAD_STEP_COLUMNS + " from " + model.table("lead_event") + " order by lead_id, sequence",
                rs -> sink.accept(leadStep(rs)));
    }

    public List<LeadFunnel.LeadHistory> leads(ReadModel model, Scope scope, Instant upTo) {
        ScopeFilter filter = ScopeFilter.of(scope);
        String leadEvents = model.table("lead_event");
        List<LeadStep> steps = jdbc.query("select " + LEAD_STEP_COLUMNS + " from " + leadEvents
                + " where occurred_at <= ?" + filter.sql(leadEvents, "lead_id"),
                (rs, n) -> leadStep(rs), filter.arguments(Timestamp.from(upTo)));
        return LeadFunnel.LeadHistory.of(steps);
    }

    private static LeadStep leadStep(ResultSet rs) throws SQLException {
        return new LeadStep(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private static DealEvent dealEvent(ResultSet rs) throws SQLException {
        DealState state = new DealState(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getBigDecimal(9), rs.getString(10), rs.getDate(11).toLocalDate(), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getBoolean(15));
        return new DealEvent(rs.getString(1), rs.getLong(2), DealEvent.Kind.ofType(rs.getString(3)),
                rs.getTimestamp(4).toInstant(), state, rs.getString(16), rs.getString(17));
    }

    /**
     * Narrows the rows read to the subjects that ever carried the scope in one of their events, or whose rep the
     * organisation set through the API places in it.
     */
    record ScopeFilter(String condition, List<Object> values) {

        static ScopeFilter of(Scope scope) {
            String id = scope.id();
            return switch (scope.level()) {
                case ORG -> new ScopeFilter(null, List.of());
                case REP -> new ScopeFilter("owner_id = ?", List.of(id));
                case SEGMENT -> new ScopeFilter("segment = ?", List.of(id));
                case TEAM -> new ScopeFilter("team_id = ? or owner_id in (select rep_id from rep_team where team_id = ?)",
                        List.of(id, id));
                case REGION -> new ScopeFilter("""
                        region_id = ? or team_id in (select team_id from team_region where region_id = ?)
                        or owner_id in (select r.rep_id from rep_team r join team_region t on t.team_id = r.team_id
                                        where t.region_id = ?)""", List.of(id, id, id));
            };
        }

        String sql(String table, String subject) {
            return condition == null ? ""
                    : " and " + subject + " in (select " + subject + " from " + table + " where " + condition + ")";
        }

        Object[] arguments(Object upTo) {
            List<Object> all = new ArrayList<>();
            all.add(upTo);
            all.addAll(values);
            return all.toArray();
        }
    }
}
