package io.pipeline.opportunity.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OpportunityQueries {

    private final JdbcClient jdbc;

    public OpportunityQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OpportunityView> find(String opportunityId) {
        return jdbc.sql("select * from opportunity_view where opportunity_id = ?").param(opportunityId)
                .query(OpportunityView.class).optional();
    }

    /** Ordered by close date, then id, so paging is stable. */
    public Page<OpportunityView> search(OpportunitySearch search, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        condition(where, params, "owner_id = ?", search.ownerId());
        condition(where, params, "team_id = ?", search.teamId());
        condition(where, params, "account_id = ?", search.accountId());
        condition(where, params, "lower(stage) = lower(?)", search.stage());
        condition(where, params, "forecast_category = ?", search.forecastCategory());
        condition(where, params, "status = ?", search.status());
        condition(where, params, "close_date >= ?", search.closeFrom());
        condition(where, params, "close_date <= ?", search.closeTo());
        long total = jdbc.sql("select count(*) from opportunity_view" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<OpportunityView> items = jdbc.sql("select * from opportunity_view" + where
                        + " order by close_date, opportunity_id limit ? offset ?")
                .params(pageParams).query(OpportunityView.class).list();
        return new Page<>(items, page, size, total);
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(" and ").append(sql);
            params.add(value);
        }
    }
}
