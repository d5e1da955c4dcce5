package io.pipeline.forecast.projection;

import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import io.pipeline.forecast.readmodel.ReadModel;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records each opportunity event and moves the deal's current row forward. Idempotent: an event id seen before
 * changes nothing, and an older event never overwrites a newer state, whatever order deals interleave in.
 */
@Component
public class OpportunityProjection {

    private final JdbcTemplate jdbc;

    public OpportunityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One JDBC batch for the poll's opportunity events, one for the current rows of the deals they change.
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
        jdbc.batchUpdate("insert into " + model.table("deal") + """
                 (opportunity_id, last_sequence, last_event_at, opened_at, account_id, owner_id,
                    team_id, region_id, segment, opportunity_type, amount, currency, close_date, stage,
                    forecast_category, status, qualified)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (opportunity_id) do update set
                    last_sequence = excluded.last_sequence, last_event_at = excluded.last_event_at,
                    opened_at = least(deal.opened_at, excluded.opened_at),
                    account_id = excluded.account_id, owner_id = excluded.owner_id, team_id = excluded.team_id,
                    region_id = excluded.region_id, segment = excluded.segment,
                    opportunity_type = excluded.opportunity_type, amount = excluded.amount,
                    currency = excluded.currency, close_date = excluded.close_date, stage = excluded.stage,
                    forecast_category = excluded.forecast_category, status = excluded.status,
                    qualified = excluded.qualified
                where deal.last_sequence < excluded.last_sequence""", fresh.stream().map(OpportunityProjection::dealRow)
                .toList());
        return fresh;
    }

    private static Object[] dealRow(Incoming<OpportunityEvent> incoming) {
        Deal d = incoming.event().deal();
        Timestamp at = Timestamp.from(incoming.event().occurredAt());
        return new Object[] {d.opportunityId(), incoming.meta().sequence(), at, at, d.accountId(), d.ownerId(),
                d.teamId(), d.regionId(), d.segment(), d.type(), d.amount(), d.currency(), Date.valueOf(d.closeDate()),
                d.stage(), d.forecastCategory(), d.status(), d.qualified()};
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
