package io.pipeline.forecast.projection;

import io.pipeline.contract.LeadEvent;
import io.pipeline.forecast.readmodel.ReadModel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records each lead event for the funnel; an event id seen before changes nothing. */
@Component
public class LeadProjection {

    private final JdbcTemplate jdbc;

    public LeadProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean apply(ReadModel model, LeadEvent event, EventMeta meta) {
        return jdbc.update(EventRows.insertIfAbsent(model.table("lead_event"), EventRows.LEAD_COLUMNS),
                EventRows.jdbcValues(EventRows.lead(event, meta))) > 0;
    }
}
