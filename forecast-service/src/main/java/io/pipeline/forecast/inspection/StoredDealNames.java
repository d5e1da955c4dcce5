package io.pipeline.forecast.inspection;

import io.pipeline.forecast.readmodel.ServingReadModel;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deal names read from the serving version's event table, not kept in the in-memory index: only a page of rows (or
 * the rows of a name sort) needs them, and the unique (opportunity_id, sequence) index finds each deal's latest.
 */
@Component
public class StoredDealNames implements DealNames {

    private final JdbcTemplate jdbc;
    private final ServingReadModel serving;

    public StoredDealNames(JdbcTemplate jdbc, ServingReadModel serving) {
        this.jdbc = jdbc;
        this.serving = serving;
    }

    @Override
    public Map<String, String> of(Collection<String> dealIds) {
        Map<String, String> names = new HashMap<>();
        if (dealIds.isEmpty()) {
            return names;
        }
        String table = serving.model().table("opportunity_event");
        jdbc.query(con -> {
            var statement = con.prepareStatement("select distinct on (opportunity_id) opportunity_id, deal_name from "
                    + table + " where opportunity_id = any(?) order by opportunity_id, sequence desc");
            statement.setArray(1, con.createArrayOf("varchar", dealIds.toArray()));
            return statement;
        }, row -> {
            String name = row.getString(2);
            if (name != null) {
                names.put(row.getString(1), name);
            }
        });
        return names;
    }
}
