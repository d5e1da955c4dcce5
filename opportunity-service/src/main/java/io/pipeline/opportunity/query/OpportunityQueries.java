package io.pipeline.opportunity.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.pipeline.platform.web.SortOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OpportunityQueries {

    /** The list's sortable fields (as the JSON names them) and their columns; V4 indexes the ones worth it. */
    private static final Map<String, String> SORT_COLUMNS = sortColumns();
    public static final List<String> SORT_FIELDS = List.copyOf(SORT_COLUMNS.keySet());
    public static final SortOrder DEFAULT_SORT = new SortOrder("closeDate", false);

    private final JdbcClient jdbc;

    public OpportunityQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OpportunityView> find(String opportunityId) {
        return jdbc.sql("select * from opportunity_view where opportunity_id = ?").param(opportunityId)
                .query(OpportunityView.class).optional();
    }

    /**
     * One page in the asked order, ties by id so paging is stable. Amounts sort by their number, whatever the
     * currency: the read model keeps no converted amount.
     */
    public Page<OpportunityView> search(OpportunitySearch search, SortOrder sort, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        condition(where, params, "owner_id = ?", search.ownerId());
        condition(where, params, "team_id = ?", search.teamId());
        condition(where, params, "region_id = ?", search.regionId());
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
                        + " order by " + orderBy(sort) + " limit ? offset ?")
                .params(pageParams).query(OpportunityView.class).list();
        return new Page<>(items, page, size, total);
    }

    private static String orderBy(SortOrder sort) {
        String column = SORT_COLUMNS.get(sort.field());
        if (column == null) {
            throw new IllegalArgumentException("not a sortable field: " + sort.field());
        }
        String direction = sort.descending() ? " desc" : " asc";
        return column + direction + ", opportunity_id" + direction;
    }

    private static Map<String, String> sortColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("closeDate", "close_date");
        columns.put("amount", "amount");
        columns.put("name", "name");
        columns.put("ownerId", "owner_id");
        columns.put("stage", "stage");
        columns.put("forecastCategory", "forecast_category");
        columns.put("status", "status");
        columns.put("openedAt", "opened_at");
        columns.put("changedAt", "changed_at");
        return columns;
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(" and ").append(sql);
            params.add(value);
        }
    }
}
