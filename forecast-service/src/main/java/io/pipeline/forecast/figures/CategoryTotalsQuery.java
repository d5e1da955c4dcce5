package io.pipeline.forecast.figures;

import io.pipeline.forecast.config.ForecastSettings;
import io.pipeline.forecast.period.Period;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Category totals from the current deal rows. */
@Component
public class CategoryTotalsQuery {

    static final List<String> CATEGORIES = List.of("PIPELINE", "BEST_CASE", "COMMIT", "CLOSED_WON");

    private final JdbcTemplate jdbc;
    private final ForecastSettings settings;

    public CategoryTotalsQuery(JdbcTemplate jdbc, ForecastSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public CategoryTotals totals(Period period, Scope scope) {
        Map<String, CategoryTotals.Total> byCategory = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> byCategory.put(c, new CategoryTotals.Total(c, BigDecimal.ZERO.setScale(2), 0)));
        List<Object> args = new ArrayList<>(List.of(settings.reportingCurrency(), Date.valueOf(period.start()),
                Date.valueOf(period.end())));
        String scopeFilter = "";
        if (scope.level() != Scope.Level.ORG) {
            scopeFilter = " and " + scope.level().column() + " = ?";
            args.add(scope.id());
        }
        jdbc.query("""
                select case when status = 'WON' then 'CLOSED_WON' else forecast_category end as category,
                       sum(amount), count(*)
                from deal
                where currency = ? and close_date >= ? and close_date < ?
                  and (status = 'WON' or (status = 'OPEN' and forecast_category in ('PIPELINE', 'BEST_CASE', 'COMMIT')))
                """ + scopeFilter + " group by 1", rs -> {
            String category = rs.getString(1);
            byCategory.put(category, new CategoryTotals.Total(category, rs.getBigDecimal(2).setScale(2), rs.getLong(3)));
        }, args.toArray());
        return new CategoryTotals(period.id(), period.start(), period.end(), scope.toString(),
                settings.reportingCurrency(), List.copyOf(byCategory.values()));
    }
}
