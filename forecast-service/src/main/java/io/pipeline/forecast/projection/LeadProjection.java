package io.pipeline.forecast.projection;

import io.pipeline.contract.LeadEvent;
import io.pipeline.forecast.figures.LeadStep;
import io.pipeline.forecast.readmodel.ReadModel;
import java.util.ArrayList;
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

    /** One JDBC batch for the poll's lead events. @return the events that were new, as the funnel reads them */
    public List<LeadStep> applyAll(ReadModel model, List<Incoming<LeadEvent>> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int[] inserted = jdbc.batchUpdate(EventRows.insertIfAbsent(model.table("lead_event"), EventRows.LEAD_COLUMNS),
                events.stream().map(e -> EventRows.jdbcValues(EventRows.lead(e.event(), e.meta()))).toList());
        List<LeadStep> fresh = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (EventRows.inserted(inserted[i])) {
                fresh.add(LeadSteps.of(events.get(i).event(), events.get(i).meta()));
            }
        }
        return fresh;
    }
}
