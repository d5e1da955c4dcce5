package io.pipeline.opportunity.query;

import io.pipeline.opportunity.api.Deal;
import io.pipeline.opportunity.api.DealChanged;
import io.pipeline.opportunity.api.OpportunityOpened;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code opportunity_view} in step with the event store, from a tracking processor of its own. Each row
 * remembers the sequence number of the last event it reflects and ignores anything not newer, so a replay from
 * the beginning (a token reset) rebuilds it and a re-delivered batch changes nothing.
 */
@Component
@ProcessingGroup(OpportunityProjection.PROCESSING_GROUP)
public class OpportunityProjection {

    public static final String PROCESSING_GROUP = "opportunity-read-model";

    private static final String UPSERT = """
            insert into opportunity_view (opportunity_id, account_id, name, owner_id, team_id, region_id, segment, type,
                process_id, process_version, amount, currency, close_date, stage, forecast_category, status, qualified,
                lead_id, opened_at, changed_at, version)
            values (:opportunityId, :accountId, :name, :ownerId, :teamId, :regionId, :segment, :type, :processId,
                :processVersion, :amount, :currency, :closeDate, :stage, :forecastCategory, :status, :qualified,
                :leadId, :occurredAt, :occurredAt, :version)
            on conflict (opportunity_id) do update set account_id = excluded.account_id, name = excluded.name,
                owner_id = excluded.owner_id, team_id = excluded.team_id, region_id = excluded.region_id,
                segment = excluded.segment, type = excluded.type, amount = excluded.amount,
                currency = excluded.currency, close_date = excluded.close_date, stage = excluded.stage,
                forecast_category = excluded.forecast_category, status = excluded.status,
                qualified = excluded.qualified, changed_at = excluded.changed_at, version = excluded.version
            where opportunity_view.version < excluded.version
            """;

    private final JdbcClient jdbc;

    public OpportunityProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityOpened event, @SequenceNumber long version) {
        upsert(Deal.opened(event), event.leadId(), event.occurredAt(), version);
    }

    @EventHandler
    void on(DealChanged event, @SequenceNumber long version) {
        upsert(event.deal(), null, event.occurredAt(), version);
    }

    private void upsert(Deal deal, String leadId, Instant occurredAt, long version) {
        Map<String, Object> row = new HashMap<>();
        row.put("opportunityId", deal.opportunityId());
        row.put("accountId", deal.accountId());
        row.put("name", deal.name());
        row.put("ownerId", deal.ownerId());
        row.put("teamId", deal.teamId());
        row.put("regionId", deal.regionId());
        row.put("segment", deal.segment());
        row.put("type", deal.type());
        row.put("processId", deal.processId());
        row.put("processVersion", deal.processVersion());
        row.put("amount", deal.amount());
        row.put("currency", deal.currency());
        row.put("closeDate", deal.closeDate());
        row.put("stage", deal.stage());
        row.put("forecastCategory", deal.forecastCategory());
        row.put("status", deal.status());
        row.put("qualified", deal.qualified());
        row.put("leadId", leadId);
        row.put("occurredAt", Timestamp.from(occurredAt));
        row.put("version", version);
        jdbc.sql(UPSERT).params(row).update();
    }
}
