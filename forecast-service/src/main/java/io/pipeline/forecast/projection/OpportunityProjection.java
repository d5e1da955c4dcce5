package io.pipeline.forecast.projection;

import io.pipeline.contract.OpportunityEvent;
import io.pipeline.forecast.readmodel.ReadModel;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records each opportunity event with the deal's state after it. Idempotent: an event id (or a deal's sequence)
 * seen before changes nothing.
 */
@Component
public class OpportunityProjection {

    private final JdbcTemplate jdbc;

    public OpportunityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One JDBC batch for the poll's opportunity events.
     *
     * @return the events that were new, in the order given
     */
    public List<Incoming<OpportunityEvent>> applyAll(ReadModel model, List<Incoming<OpportunityEvent>> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int[] inserted = jdbc.batchUpdate(EventRows.insertIfAbsent(model.table("opportunity_event"),
                EventRows.OPPORTUNITY_COLUMNS), events.stream()
                .map(e -> EventRows.jdbcValues(EventRows.opportunity(e.event(), e.meta()))).toList());
        List<Incoming<OpportunityEvent>> fresh = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (EventRows.inserted(inserted[i])) {
                fresh.add(events.get(i));
            }
        }
        return fresh;
    }

    /** The "before" values an event carries, flattened for the event table. */
    record Changes(String previousStage, String previousCategory, java.time.LocalDate previousCloseDate,
                   java.math.BigDecimal previousAmount, String lostReason, String competitor) {

        static Changes of(OpportunityEvent event) {
            if (event instanceof OpportunityEvent.StageAdvanced e) {
                return new Changes(e.previousStage(), e.previousForecastCategory(), null, null, null, null);
            }
            if (event instanceof OpportunityEvent.StageRegressed e) {
                return new Changes(e.previousStage(), e.previousForecastCategory(), null, null, null, null);
            }
            if (event instanceof OpportunityEvent.CloseDateChanged e) {
                return new Changes(null, null, e.previousCloseDate(), null, null, null);
            }
            if (event instanceof OpportunityEvent.AmountChanged e) {
                return new Changes(null, null, null, e.previousAmount(), null, null);
            }
            if (event instanceof OpportunityEvent.ForecastCategoryOverridden e) {
                return new Changes(null, e.previousForecastCategory(), null, null, null, null);
            }
            if (event instanceof OpportunityEvent.DealClosedWon e) {
                return new Changes(e.previousStage(), e.previousForecastCategory(), null, null, null, null);
            }
            if (event instanceof OpportunityEvent.DealClosedLost e) {
                return new Changes(e.previousStage(), e.previousForecastCategory(), null, null, e.reason(), e.competitor());
            }
            if (event instanceof OpportunityEvent.DealDeferred e) {
                return new Changes(e.previousStage(), e.previousForecastCategory(), null, null, null, null);
            }
            return new Changes(null, null, null, null, null, null);
        }
    }
}
