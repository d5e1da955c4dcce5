package io.pipeline.forecast.projection;

import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.contract.OpportunityEvent.Deal;
import java.sql.Date;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The row an event becomes in its version's event table, as column names and values: one definition for the
 * consumer's insert and the rebuild's COPY, so both write exactly the same thing.
 */
public final class EventRows {

    public static final List<String> OPPORTUNITY_COLUMNS = List.of("event_id", "opportunity_id", "sequence",
            "event_type", "occurred_at", "account_id", "owner_id", "team_id", "region_id", "segment",
            "opportunity_type", "amount", "currency", "close_date", "stage", "forecast_category", "status",
            "qualified", "previous_stage", "previous_forecast_category", "previous_close_date", "previous_amount",
            "lost_reason", "competitor", "deal_name");

    public static final List<String> LEAD_COLUMNS = List.of("event_id", "lead_id", "sequence", "event_type",
            "occurred_at", "source", "owner_id", "team_id", "opportunity_id", "region_id", "segment", "state");

    private EventRows() {
    }

    /** Values in {@link #OPPORTUNITY_COLUMNS} order (Instant, LocalDate, BigDecimal, Boolean, Long or String). */
    public static Object[] opportunity(OpportunityEvent event, EventMeta meta) {
        Deal d = event.deal();
        OpportunityProjection.Changes c = OpportunityProjection.Changes.of(event);
        return new Object[] {meta.eventId(), d.opportunityId(), meta.sequence(), meta.type(),
                DealEvents.businessTime(event), d.accountId(), d.ownerId(), d.teamId(), d.regionId(), d.segment(),
                d.type(), d.amount(), d.currency(), d.closeDate(), d.stage(), d.forecastCategory(), d.status(),
                d.qualified(), c.previousStage(), c.previousCategory(), c.previousCloseDate(), c.previousAmount(),
                c.lostReason(), c.competitor(), d.name()};
    }

    /** Values in {@link #LEAD_COLUMNS} order. */
    public static Object[] lead(LeadEvent event, EventMeta meta) {
        LeadEvent.Lead lead = event.lead();
        return new Object[] {meta.eventId(), lead.leadId(), meta.sequence(), meta.type(), event.occurredAt(),
                lead.source(), lead.ownerId(), lead.teamId(),
                event instanceof LeadEvent.LeadConverted converted ? converted.opportunityId() : null,
                lead.regionId(), lead.segment(), lead.state()};
    }

    /** The values as JDBC binds them (pgjdbc takes no {@code Instant}). */
    static Object[] jdbcValues(Object[] row) {
        Object[] values = row.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof Instant instant) {
                values[i] = Timestamp.from(instant);
            } else if (values[i] instanceof LocalDate date) {
                values[i] = Date.valueOf(date);
            }
        }
        return values;
    }

    /** Whether a batched insert-if-absent inserted its row (pgjdbc reports each statement's count, 1 or 0). */
    static boolean inserted(int count) {
        if (count == Statement.SUCCESS_NO_INFO) {
            throw new IllegalStateException("the driver hides batch counts (reWriteBatchedInserts?): cannot tell new"
                    + " events from re-deliveries");
        }
        return count > 0;
    }

    /** {@code insert into <table> (<columns>) values (?, ...) on conflict do nothing}: a known event id is a no-op. */
    static String insertIfAbsent(String table, List<String> columns) {
        String[] marks = new String[columns.size()];
        Arrays.fill(marks, "?");
        return "insert into " + table + " (" + String.join(", ", columns) + ") values (" + String.join(", ", marks)
                + ") on conflict do nothing";
    }
}
