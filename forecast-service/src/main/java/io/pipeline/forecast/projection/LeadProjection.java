package io.pipeline.forecast.projection;

import io.pipeline.contract.LeadEvent;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records each lead event for the funnel; an event id seen before changes nothing. */
@Component
public class LeadProjection {

    private final JdbcTemplate jdbc;

    public LeadProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean apply(LeadEvent event, EventMeta meta) {
        LeadEvent.Lead lead = event.lead();
        return jdbc.update("""
                insert into lead_event (event_id, lead_id, sequence, event_type, occurred_at, source, owner_id, team_id,
                    opportunity_id, region_id, segment, state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""",
                meta.eventId(), lead.leadId(), meta.sequence(), meta.type(), Timestamp.from(event.occurredAt()),
                lead.source(), lead.ownerId(), lead.teamId(),
                event instanceof LeadEvent.LeadConverted converted ? converted.opportunityId() : null,
                lead.regionId(), lead.segment(), lead.state()) > 0;
    }
}
