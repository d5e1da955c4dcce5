package io.pipeline.forecast.projection;

import io.pipeline.contract.LeadEvent;
import io.pipeline.forecast.readmodel.ReadModel;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records each lead event for the funnel; an event id seen before changes nothing. */
@Component
public class LeadProjection {

    private final JdbcTemplate jdbc;

    public LeadProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One JDBC batch for the poll's lead events. @return how many were new */
    public int applyAll(ReadModel model, List<Incoming<LeadEvent>> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int[] inserted = jdbc.batchUpdate(EventRows.insertIfAbsent(model.table("lead_event"), EventRows.LEAD_COLUMNS),
                events.stream().map(e -> EventRows.jdbcValues(EventRows.lead(e.event(), e.meta()))).toList());
        return (int) java.util.Arrays.stream(inserted).filter(EventRows::inserted).count();
    }
}
