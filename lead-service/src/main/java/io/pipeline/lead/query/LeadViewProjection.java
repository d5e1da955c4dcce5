package io.pipeline.lead.query;

import io.pipeline.lead.api.LeadAccepted;
import io.pipeline.lead.api.LeadCaptured;
import io.pipeline.lead.api.LeadConverted;
import io.pipeline.lead.api.LeadDisqualified;
import io.pipeline.lead.api.LeadLifecycleEvent;
import io.pipeline.lead.api.LeadMarketingQualified;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.lead.api.LeadQualified;
import io.pipeline.lead.api.LeadRejected;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds {@code lead_view} from the lead events, in a pooled streaming processor of its own. Idempotent: a row
 * remembers the sequence number of the last event applied to it and ignores any event at or below it, so a
 * duplicate delivery or a replay over existing rows changes nothing. A reset empties the table and the replay
 * rebuilds it from the first event.
 */
@Component
@ProcessingGroup(LeadViewProjection.PROCESSING_GROUP)
public class LeadViewProjection {

    public static final String PROCESSING_GROUP = "lead-view";

    private static final String INSERT = """
            insert into lead_view (lead_id, person_name, email, job_title, company, source, owner_id, team_id,
                                   region_id, segment, score, state, created_at, state_changed_at, version)
            values (:leadId, :personName, :email, :jobTitle, :company, :source, :ownerId, :teamId,
                    :regionId, :segment, :score, :state, :occurredAt, :occurredAt, :version)
            on conflict (lead_id) do nothing
            """;

    /** Columns an event does not concern are bound to null and keep their value, except the closing reason. */
    private static final String UPDATE = """
            update lead_view set company = :company, source = :source, owner_id = :ownerId, team_id = :teamId,
                   region_id = :regionId, segment = :segment, state = :state, state_changed_at = :occurredAt,
                   version = :version,
                   score = coalesce(:score, score),
                   qualification_framework = coalesce(:framework, qualification_framework),
                   qualification_answers = coalesce(cast(:answers as jsonb), qualification_answers),
                   accepted_by = coalesce(:acceptedBy, accepted_by),
                   closed_reason = :closedReason,
                   opportunity_id = coalesce(:opportunityId, opportunity_id),
                   account_id = coalesce(:accountId, account_id)
             where lead_id = :leadId and version < :version
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LeadViewProjection(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    public void on(LeadLifecycleEvent event, @SequenceNumber long sequence) {
        MapSqlParameterSource row = commonColumns(event, sequence);
        if (event instanceof LeadCaptured e) {
            row.addValue("personName", e.personName()).addValue("email", e.email())
                    .addValue("jobTitle", e.jobTitle(), Types.VARCHAR).addValue("score", e.score(), Types.INTEGER);
            jdbc.sql(INSERT).paramSource(row).update();
            return;
        }
        if (event instanceof LeadMarketingQualified e) {
            row.addValue("score", e.score(), Types.INTEGER);
        } else if (event instanceof LeadQualified e) {
            row.addValue("framework", e.framework().name(), Types.VARCHAR)
                    .addValue("answers", json.writeValueAsString(e.answers()), Types.VARCHAR);
        } else if (event instanceof LeadAccepted e) {
            row.addValue("acceptedBy", e.acceptedBy(), Types.VARCHAR);
        } else if (event instanceof LeadRejected e) {
            row.addValue("closedReason", e.reason(), Types.VARCHAR);
        } else if (event instanceof LeadDisqualified e) {
            row.addValue("closedReason", e.reason(), Types.VARCHAR);
        } else if (event instanceof LeadConverted e) {
            row.addValue("opportunityId", e.opportunityId(), Types.VARCHAR)
                    .addValue("accountId", e.accountId(), Types.VARCHAR);
        }
        jdbc.sql(UPDATE).paramSource(row).update();
    }

    private static MapSqlParameterSource commonColumns(LeadLifecycleEvent event, long sequence) {
        LeadProfile profile = event.profile();
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("score", null, Types.INTEGER)
                .addValue("framework", null, Types.VARCHAR)
                .addValue("answers", null, Types.VARCHAR)
                .addValue("acceptedBy", null, Types.VARCHAR)
                .addValue("closedReason", null, Types.VARCHAR)
                .addValue("opportunityId", null, Types.VARCHAR)
                .addValue("accountId", null, Types.VARCHAR);
        return row.addValue("leadId", event.leadId())
                .addValue("company", profile.company())
                .addValue("source", profile.source().name())
                .addValue("ownerId", profile.ownerId())
                .addValue("teamId", profile.teamId())
                .addValue("regionId", profile.regionId())
                .addValue("segment", profile.segment().name())
                .addValue("state", event.state().name())
                .addValue("occurredAt", utc(event.occurredAt()))
                .addValue("version", sequence);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @ResetHandler
    public void dropAll() {
        jdbc.sql("delete from lead_view").update();
    }
}
