package io.pipeline.lead.query;

import io.pipeline.lead.api.LeadSource;
import io.pipeline.lead.api.LeadState;
import io.pipeline.lead.api.LeadTransition;
import io.pipeline.lead.api.ListLeads;
import io.pipeline.lead.api.QualificationFramework;
import io.pipeline.lead.api.Segment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads of {@code lead_view}: what the projection has applied so far, which may lag a command by a moment. */
@Component
public class LeadViewQueries {

    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public LeadViewQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<LeadView> find(String leadId) {
        return jdbc.sql("select * from lead_view where lead_id = :leadId").param("leadId", leadId)
                .query(this::view).optional();
    }

    public LeadPage list(ListLeads query) {
        List<String> conditions = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (query.state() != null) {
            conditions.add("state = :state");
            params.addValue("state", query.state().name());
        }
        if (query.ownerId() != null) {
            conditions.add("owner_id = :ownerId");
            params.addValue("ownerId", query.ownerId());
        }
        if (query.teamId() != null) {
            conditions.add("team_id = :teamId");
            params.addValue("teamId", query.teamId());
        }
        if (query.regionId() != null) {
            conditions.add("region_id = :regionId");
            params.addValue("regionId", query.regionId());
        }
        if (query.source() != null) {
            conditions.add("source = :source");
            params.addValue("source", query.source().name());
        }
        if (query.createdFrom() != null) {
            conditions.add("created_at >= :createdFrom");
            params.addValue("createdFrom", query.createdFrom().atOffset(ZoneOffset.UTC));
        }
        if (query.createdTo() != null) {
            conditions.add("created_at < :createdTo");
            params.addValue("createdTo", query.createdTo().atOffset(ZoneOffset.UTC));
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        long total = jdbc.sql("select count(*) from lead_view" + where).paramSource(params).query(Long.class).single();
        params.addValue("limit", query.size(), Types.INTEGER).addValue("offset", (long) query.page() * query.size(),
                Types.BIGINT);
        List<LeadView> items = jdbc.sql("select * from lead_view" + where
                        + " order by created_at desc, lead_id limit :limit offset :offset")
                .paramSource(params).query(this::view).list();
        return new LeadPage(items, query.page(), query.size(), total);
    }

    private LeadView view(ResultSet rs, int row) throws SQLException {
        LeadState state = LeadState.valueOf(rs.getString("state"));
        String framework = rs.getString("qualification_framework");
        String answers = rs.getString("qualification_answers");
        return new LeadView(rs.getString("lead_id"), rs.getString("person_name"), rs.getString("email"),
                rs.getString("job_title"), rs.getString("company"), LeadSource.valueOf(rs.getString("source")),
                rs.getString("owner_id"), rs.getString("team_id"), rs.getString("region_id"),
                Segment.valueOf(rs.getString("segment")), rs.getObject("score", Integer.class), state,
                framework == null ? null : QualificationFramework.valueOf(framework),
                answers == null ? null : json.readValue(answers, ANSWERS), rs.getString("accepted_by"),
                rs.getString("closed_reason"), rs.getString("opportunity_id"), rs.getString("account_id"),
                instant(rs, "created_at"), instant(rs, "state_changed_at"), rs.getLong("version"),
                LeadTransition.allowedFrom(state));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
