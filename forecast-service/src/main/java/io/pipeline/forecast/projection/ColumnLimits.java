package io.pipeline.forecast.projection;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a version's event table can store, read from PostgreSQL's own catalogue, so that a bulk COPY (which fails as a
 * whole on one bad row) can leave out the rows the serving consumer parks: a string holding NUL or longer than its
 * column, a number with more integer digits than its column.
 */
public final class ColumnLimits {

    /** @param maxLength characters of a varchar, or null; @param integerDigits of a numeric, or null */
    private record Limit(Integer maxLength, Integer integerDigits) {
    }

    private final List<String> columns;
    private final Map<String, Limit> limits;

    private ColumnLimits(List<String> columns, Map<String, Limit> limits) {
        this.columns = columns;
        this.limits = limits;
    }

    /** The limits of {@code schema.table}, for rows in {@code columns} order. */
    public static ColumnLimits of(JdbcTemplate jdbc, String schema, String table, List<String> columns) {
        Map<String, Limit> limits = jdbc.query("""
                select column_name, character_maximum_length, numeric_precision - numeric_scale
                  from information_schema.columns where table_schema = ? and table_name = ?""",
                (rs, i) -> Map.entry(rs.getString(1), new Limit((Integer) rs.getObject(2), (Integer) rs.getObject(3))),
                schema, table).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new ColumnLimits(columns, limits);
    }

    /** @return why the row cannot be stored, or null when it can */
    public String violation(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            Limit limit = limits.get(columns.get(i));
            if (row[i] instanceof String text) {
                if (text.indexOf('\u0000') >= 0) {
                    return columns.get(i) + " holds a NUL character";
                }
                if (limit != null && limit.maxLength() != null && text.length() > limit.maxLength()) {
                    return columns.get(i) + " is longer than " + limit.maxLength() + " characters";
                }
            } else if (row[i] instanceof BigDecimal number && limit != null && limit.integerDigits() != null
                    && number.precision() - number.scale() > limit.integerDigits()) {
                return columns.get(i) + " has more than " + limit.integerDigits() + " integer digits";
            }
        }
        return null;
    }
}
